package org.haven.app.journal

import android.content.Intent
import android.os.ParcelFileDescriptor
import android.provider.MediaStore
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertThrows
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config
import java.io.FileNotFoundException

/** The camera writes into a pipe read into memory: no file anywhere. */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35])
class CaptureProviderTest {
    private val context = RuntimeEnvironment.getApplication()
    private val provider = Robolectric.setupContentProvider(CaptureProvider::class.java, CaptureProvider.authority(context))

    private fun write(capture: CaptureProvider.Capture, bytes: ByteArray) {
        val pipe = provider.openFile(capture.uri, "w")
        ParcelFileDescriptor.AutoCloseOutputStream(pipe).use { it.write(bytes) }
    }

    @Test
    fun `a photo written by the camera arrives in memory, once`() {
        val photo = ByteArray(300_000) { (it % 251).toByte() }
        val capture = CaptureProvider.newCapture(context)
        write(capture, photo)
        assertArrayEquals(photo, capture.await(5_000))
        assertThrows(FileNotFoundException::class.java) { provider.openFile(capture.uri, "w") }
    }

    @Test
    fun `nothing is written to the app's storage`() {
        val before = context.filesDir.walk().toList() + context.cacheDir.walk().toList()
        val capture = CaptureProvider.newCapture(context)
        write(capture, ByteArray(10_000) { 7 })
        capture.await(5_000)
        val after = context.filesDir.walk().toList() + context.cacheDir.walk().toList()
        assertEquals(before, after)
    }

    @Test
    fun `reading, unknown URIs and oversized photos are refused`() {
        val capture = CaptureProvider.newCapture(context, limitBytes = 1_000)
        assertThrows(FileNotFoundException::class.java) { provider.openFile(capture.uri, "r") }
        val forged = capture.uri.buildUpon().path("/0123").build()
        assertThrows(FileNotFoundException::class.java) { provider.openFile(forged, "w") }
        write(capture, ByteArray(5_000))
        assertNull(capture.await(5_000))
    }

    @Test
    fun `each capture has its own unguessable URI`() {
        val a = CaptureProvider.newCapture(context)
        val b = CaptureProvider.newCapture(context)
        assertTrue(a.uri != b.uri)
        assertEquals(32, a.uri.lastPathSegment!!.length)
        a.discard()
        assertThrows(FileNotFoundException::class.java) { provider.openFile(a.uri, "w") }
    }

    @Test
    fun `the camera intent grants write access to that one URI`() {
        val capture = CaptureProvider.newCapture(context)
        val intent = CaptureProvider.cameraIntent(capture)
        assertEquals(MediaStore.ACTION_IMAGE_CAPTURE, intent.action)
        @Suppress("DEPRECATION")
        assertEquals(capture.uri, intent.getParcelableExtra<android.net.Uri>(MediaStore.EXTRA_OUTPUT))
        assertTrue(intent.flags and Intent.FLAG_GRANT_WRITE_URI_PERMISSION != 0)
        assertTrue(intent.flags and Intent.FLAG_GRANT_READ_URI_PERMISSION == 0)
        assertEquals(capture.uri, intent.clipData!!.getItemAt(0).uri)
    }
}
