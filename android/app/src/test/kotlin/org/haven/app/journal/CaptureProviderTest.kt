package org.haven.app.journal

import android.content.Intent
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
import java.nio.channels.Channels
import java.nio.channels.Pipe
import kotlin.concurrent.thread

/**
 * The camera writes into a pipe read into memory. Robolectric simulates
 * `ParcelFileDescriptor.createPipe` with a temporary FILE (and a racy one), so the receiving side
 * is tested here on a real OS pipe (java.nio Pipe), and the provider's own checks through
 * `openFile`. The ParcelFileDescriptor pipe itself runs only on a device.
 */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35])
class CaptureProviderTest {
    private val context = RuntimeEnvironment.getApplication()
    private val provider = Robolectric.setupContentProvider(CaptureProvider::class.java, CaptureProvider.authority(context))

    /** Streams [bytes] into [capture] through a real pipe, as the camera app would. */
    private fun stream(capture: CaptureProvider.Capture, bytes: ByteArray) {
        val pipe = Pipe.open()
        val reader = thread { capture.receive(Channels.newInputStream(pipe.source())) }
        Channels.newOutputStream(pipe.sink()).use { it.write(bytes) }
        reader.join(5_000)
    }

    @Test
    fun `a photo streamed by the camera arrives in memory, and is handed over once`() {
        val photo = ByteArray(300_000) { (it % 251).toByte() }
        val capture = CaptureProvider.newCapture(context)
        stream(capture, photo)
        assertArrayEquals(photo, capture.await(5_000))
        // Handed over: the URI no longer exists.
        assertThrows(FileNotFoundException::class.java) { provider.openFile(capture.uri, "w") }
    }

    @Test
    fun `an oversized photo is refused`() {
        val capture = CaptureProvider.newCapture(context, limitBytes = 1_000)
        stream(capture, ByteArray(5_000))
        assertNull(capture.await(5_000))
    }

    @Test
    fun `reading, unknown URIs and a second write are refused`() {
        val capture = CaptureProvider.newCapture(context)
        assertThrows(FileNotFoundException::class.java) { provider.openFile(capture.uri, "r") }
        val forged = capture.uri.buildUpon().path("/0123").build()
        assertThrows(FileNotFoundException::class.java) { provider.openFile(forged, "w") }
        provider.openFile(capture.uri, "w").close()
        assertThrows(FileNotFoundException::class.java) { provider.openFile(capture.uri, "w") }
    }

    @Test
    fun `each capture has its own unguessable URI, forgotten when discarded`() {
        val a = CaptureProvider.newCapture(context)
        val b = CaptureProvider.newCapture(context)
        assertTrue(a.uri != b.uri)
        assertEquals(32, a.uri.lastPathSegment!!.length)
        a.discard()
        assertThrows(FileNotFoundException::class.java) { provider.openFile(a.uri, "w") }
    }

    @Test
    fun `the camera intent grants write access to that one URI and nothing else`() {
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
