package org.haven.app.journal

import android.content.ClipData
import android.content.ContentProvider
import android.content.ContentValues
import android.content.Context
import android.content.Intent
import android.database.Cursor
import android.net.Uri
import android.os.ParcelFileDescriptor
import android.provider.MediaStore
import java.io.ByteArrayOutputStream
import java.io.FileNotFoundException
import java.io.InputStream
import java.security.SecureRandom
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread

/**
 * Where the camera app writes a photo for the journal: not a file, but a pipe read into memory,
 * from which the photo goes straight into the encrypted vault. No copy is written to shared
 * storage, to the gallery, or to Haven's own files.
 *
 * Each capture has a one-time random URI; the camera app gets write access to that URI only
 * (FLAG_GRANT_WRITE_URI_PERMISSION), the provider itself is not exported, and a URI can be
 * written once. Reading is never possible.
 *
 * Limits: a camera app that needs a seekable file (not a stream) cannot write here, and some
 * camera apps also keep their own copy in the gallery: the journal screen says so.
 */
class CaptureProvider : ContentProvider() {

    /** One photo being received. */
    class Capture internal constructor(val uri: Uri, private val limitBytes: Int) {
        private val buffer = ByteArrayOutputStream()
        private val finished = CountDownLatch(1)

        @Volatile
        var tooLarge = false
            private set

        /** Reads what the camera app writes, until it closes its end (runs on its own thread). */
        fun receive(stream: InputStream) {
            stream.use { input ->
                val chunk = ByteArray(64 * 1024)
                while (true) {
                    val read = input.read(chunk)
                    if (read < 0) break
                    if (buffer.size() + read > limitBytes) {
                        tooLarge = true
                        break
                    }
                    buffer.write(chunk, 0, read)
                }
            }
            finished.countDown()
        }

        /**
         * The photo, once the camera app has closed its end; null if nothing arrived in time or
         * it was over the limit. The bytes are handed over once and forgotten here.
         */
        fun await(timeoutMillis: Long): ByteArray? {
            if (!finished.await(timeoutMillis, TimeUnit.MILLISECONDS) || tooLarge) return null
            pending.remove(uri.lastPathSegment)
            return buffer.toByteArray().also { buffer.reset() }
        }

        /** Forgets the capture (she cancelled, or the vault locked). */
        fun discard() {
            pending.remove(uri.lastPathSegment)
            buffer.reset()
        }
    }

    override fun onCreate(): Boolean = true

    override fun openFile(uri: Uri, mode: String): ParcelFileDescriptor {
        if (!mode.startsWith("w")) throw FileNotFoundException("write only")
        val token = uri.lastPathSegment ?: throw FileNotFoundException("no capture")
        val capture = pending[token] ?: throw FileNotFoundException("unknown capture")
        if (!opened.add(token)) throw FileNotFoundException("already written")
        val (readEnd, writeEnd) = ParcelFileDescriptor.createPipe()
        thread(name = "capture", isDaemon = true) {
            capture.receive(ParcelFileDescriptor.AutoCloseInputStream(readEnd))
        }
        return writeEnd
    }

    override fun getType(uri: Uri): String = "image/jpeg"
    override fun query(uri: Uri, projection: Array<out String>?, selection: String?, selectionArgs: Array<out String>?, sortOrder: String?): Cursor? = null
    override fun insert(uri: Uri, values: ContentValues?): Uri? = null
    override fun delete(uri: Uri, selection: String?, selectionArgs: Array<out String>?): Int = 0
    override fun update(uri: Uri, values: ContentValues?, selection: String?, selectionArgs: Array<out String>?): Int = 0

    companion object {
        /** Photos larger than this are refused (the core caps attachments too). */
        const val DEFAULT_LIMIT_BYTES = 20 * 1024 * 1024

        private val pending = ConcurrentHashMap<String, Capture>()
        private val opened = ConcurrentHashMap.newKeySet<String>()
        private val random = SecureRandom()

        fun authority(context: Context) = "${context.packageName}.capture"

        /** Forgets every capture still waiting (the vault locked). */
        fun forgetAll() {
            pending.clear()
        }

        /** A new one-time capture URI. */
        fun newCapture(context: Context, limitBytes: Int = DEFAULT_LIMIT_BYTES): Capture {
            val token = ByteArray(16).also(random::nextBytes).joinToString("") { "%02x".format(it) }
            val uri = Uri.Builder().scheme("content").authority(authority(context)).appendPath(token).build()
            return Capture(uri, limitBytes).also { pending[token] = it }
        }

        /** The camera intent writing into [capture]: she takes the photo in her camera app. */
        fun cameraIntent(capture: Capture): Intent = Intent(MediaStore.ACTION_IMAGE_CAPTURE)
            .putExtra(MediaStore.EXTRA_OUTPUT, capture.uri)
            .addFlags(Intent.FLAG_GRANT_WRITE_URI_PERMISSION)
            .apply { clipData = ClipData.newRawUri("", capture.uri) }
    }
}
