package org.haven.app.screens

import android.graphics.Bitmap
import org.haven.app.TestHavenApplication
import org.haven.app.text.Lang
import org.haven.app.vault.app
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import java.io.File
import java.util.Locale

/**
 * Renders every screen and dialog (ScreenCatalog) with Robolectric's native graphics on a small
 * phone (360 × 640 dp) and a large one (411 × 891 dp), in Kazakh, Russian and English (and once in
 * the dark theme), and checks each rendering: no text clipped or overflowing, touch targets of
 * 48 dp, a label on every control, WCAG AA contrast measured on the bitmap.
 *
 * With `-Dhaven.screens.dir=DIR` (android/render-screens.sh) it also writes the PNGs there:
 * DIR/<size>/<lang>/<screen>.png: on the small phone the whole scrolling length with red marks
 * where the screen ends, on the large one the first screen.
 */
@RunWith(RobolectricTestRunner::class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
@Config(manifest = Config.NONE, sdk = [35], application = TestHavenApplication::class)
class ScreensTest {

    private enum class Phone(val size: String) {
        SMALL("w360dp-h640dp"),
        LARGE("w411dp-h891dp"),
    }

    private val outDir: File? = System.getProperty("haven.screens.dir")?.takeIf { it.isNotBlank() }?.let(::File)

    private fun renderAll(phone: Phone, lang: Lang, dark: Boolean = false) {
        RuntimeEnvironment.setQualifiers(phone.size + (if (dark) "-night" else "-notnight") + "-mdpi")
        Locale.setDefault(Locale.forLanguageTag(lang.tag))
        val entryId = ScreenCatalog.populate(lang)
        val problems = mutableListOf<String>()
        val density = app.resources.displayMetrics.density
        val scaled = density * app.resources.configuration.fontScale
        for (shot in ScreenCatalog.shots(entryId)) {
            val activity = shot.open()
            val dialog = shot.dialog?.invoke(activity)
            val check = { root: android.view.View, bitmap: Bitmap ->
                LayoutChecks.clipped(root) + LayoutChecks.smallTargets(root, density) +
                    LayoutChecks.unlabelled(root) + LayoutChecks.lowContrast(root, bitmap, scaled)
            }
            var image: Bitmap? = null
            val found = if (dialog != null) {
                val root = Rendering.layoutDialog(activity, dialog)
                image = Rendering.withDialog(activity, dialog)
                check(root, Rendering.draw(root))
            } else {
                Rendering.tall(activity) { root, bitmap ->
                    if (phone == Phone.SMALL) image = bitmap.copy(Bitmap.Config.ARGB_8888, true)
                    check(root, bitmap)
                }.also {
                    // The small phone at full length (fold marked); the large one as she first sees it.
                    image?.let { Rendering.markFold(it, activity.window.decorView.height) } ?: run { image = Rendering.screen(activity) }
                }
            }
            problems += found.map { "${shot.name}: $it" }
            outDir?.let { dir ->
                val variant = if (dark) "dark" else lang.tag
                Rendering.save(image!!, File(dir, "${phone.name.lowercase()}/$variant/${shot.name}.png"))
            }
            dialog?.dismiss()
        }
        assertTrue("${phone.name} ${lang.tag}${if (dark) " dark" else ""}:\n" + problems.joinToString("\n"), problems.isEmpty())
    }

    @Test fun `small phone, Kazakh`() = renderAll(Phone.SMALL, Lang.KK)

    @Test fun `small phone, Russian`() = renderAll(Phone.SMALL, Lang.RU)

    @Test fun `small phone, English`() = renderAll(Phone.SMALL, Lang.EN)

    @Test fun `large phone, Kazakh`() = renderAll(Phone.LARGE, Lang.KK)

    @Test fun `large phone, Russian`() = renderAll(Phone.LARGE, Lang.RU)

    @Test fun `large phone, English`() = renderAll(Phone.LARGE, Lang.EN)

    @Test fun `small phone, dark theme, Russian`() = renderAll(Phone.SMALL, Lang.RU, dark = true)
}
