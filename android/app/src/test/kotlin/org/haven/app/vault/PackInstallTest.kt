package org.haven.app.vault

import android.app.Activity
import android.content.Intent
import android.net.Uri
import android.widget.TextView
import org.haven.app.TestHavenApplication
import org.haven.app.text.UiText
import org.haven.core.HavenException
import org.haven.core.model.DirectoryQuery
import org.haven.core.model.HavenLocale
import org.haven.core.model.ServiceType
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import java.io.ByteArrayInputStream
import java.io.File

/** A region's directory pack installed from a file, verified by the real core; every refusal explained, the old pack kept. */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35], application = TestHavenApplication::class)
class PackInstallTest {
    private val session get() = app.vault.session!!
    private val bundledPack: ByteArray
        get() = File(System.getProperty("haven.android.dir"), "../core/packs/kz/kz.havenpack").readBytes()

    /** The bundled KZ content packed for region UZ, signed with a throwaway test key (shared with the iOS tests). */
    private val otherRegionPack: ByteArray
        get() = File(System.getProperty("haven.android.dir"), "../ios/HavenAppLogic/TestFixtures/uz-test-key.havenpack").readBytes()

    private fun everything() = session.searchDirectory(DirectoryQuery(text = "", serviceTypes = ServiceType.entries, locale = HavenLocale.EN))

    private fun open() {
        setUpVault()
        openVault()
    }

    private fun install(bytes: ByteArray, screenClass: Class<out DirectoryActivity> = DirectoryActivity::class.java): String {
        val screen = Robolectric.buildActivity(screenClass).setup().get().also { settle() }
        screen.window.decorView.clickTag(DirectoryActivity.PACK_ADD_TAG)
        val request = shadowOf(screen).nextStartedActivityForResult
        assertEquals(Intent.ACTION_OPEN_DOCUMENT, request.intent.action)
        val uri = Uri.parse("content://documents/pack/1")
        shadowOf(app.contentResolver).registerInputStream(uri, ByteArrayInputStream(bytes))
        shadowOf(screen).receiveResult(request.intent, Activity.RESULT_OK, Intent().setData(uri))
        settle()
        return screen.window.decorView.findViewWithTag<TextView>(DirectoryActivity.PACK_STATUS_TAG).text.toString()
    }

    @Test
    fun `a genuine pack installs and says how many services it holds`() {
        open()
        val said = install(bundledPack)
        assertEquals("Directory installed: ${session.directoryInfo().services} services.", said)
    }

    @Test
    fun `a forged pack is refused, explained, and the installed directory kept`() {
        val forged = bundledPack.copyOf()
        // A changed phone number in the signed content: one byte near the end.
        forged[forged.size - 200] = (forged[forged.size - 200].toInt() xor 0x01).toByte()
        open()
        val before = everything()
        val infoBefore = session.directoryInfo()
        val said = install(forged)
        assertTrue(said, said == UiText.PACK_NOT_GENUINE.en || said == UiText.PACK_DAMAGED.en)
        assertEquals(before, everything())
        assertEquals(infoBefore, session.directoryInfo())
    }

    @Test
    fun `a pack for another region is refused end to end, said plainly, and the installed directory kept`() {
        open()
        val before = everything()
        val infoBefore = session.directoryInfo()
        // The app's own install path does not trust the test key: not genuine.
        assertEquals(UiText.PACK_NOT_GENUINE.en, install(otherRegionPack))
        // Trusting the test key, the signature passes and the core refuses the region.
        val said = install(otherRegionPack, TestKeyDirectoryActivity::class.java)
        assertEquals(UiText.PACK_OTHER_REGION.en, said)
        assertEquals("This directory is for another country. Your current directory is kept.", said)
        assertEquals(before, everything())
        assertEquals(infoBefore, session.directoryInfo())
        assertEquals("KZ", infoBefore.region)
    }

    @Test
    fun `a file that is not a pack is refused plainly`() {
        open()
        val said = install("<html>not a pack</html>".toByteArray())
        assertEquals(UiText.PACK_DAMAGED.en, said)
        assertTrue(everything().isNotEmpty())
    }

    @Test
    fun `each of the core's reasons becomes a plain sentence, another region's pack included`() {
        fun said(reason: String) = PackInstall.refusal(HavenException.PackRejected(reason))
        assertEquals(UiText.PACK_OTHER_REGION, said("pack is for another region"))
        assertEquals(UiText.PACK_OLDER, said("pack is older than the installed one"))
        assertEquals(UiText.PACK_NOT_GENUINE, said("pack is signed with a key this app does not trust"))
        assertEquals(UiText.PACK_NOT_GENUINE, said("pack signature does not verify"))
        assertEquals(UiText.PACK_NOT_GENUINE, said("pack content does not match its manifest hash"))
        assertEquals(UiText.PACK_DAMAGED, said("pack is truncated"))
        assertEquals(UiText.PACK_FAILED, PackInstall.refusal(IllegalStateException()))
    }
}

/** The PUBLIC key of the throwaway key that signed `ios/HavenAppLogic/TestFixtures/uz-test-key.havenpack`. */
const val TEST_PACK_KEY = "RWTqvukAhlBPJ4W0+2/DoUrL6Ul1QgWjsPoyR8zJkM651hBYIcIL9Tn6"

/**
 * The directory screen with the desktop library's test-only install call, which also trusts the
 * test key, so that refusals after the signature check (another region) are reached. Test code
 * only: the phone library has no such call.
 */
class TestKeyDirectoryActivity : DirectoryActivity() {
    override fun installPack(session: org.haven.core.Session, bytes: ByteArray): org.haven.core.model.PackInfo =
        session.installPackTrustingTestKey(bytes, TEST_PACK_KEY)
}
