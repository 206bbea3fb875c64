package org.haven.app.journal

import android.content.ContentProvider
import android.content.ContentValues
import android.content.Context
import android.content.Intent
import android.database.Cursor
import android.database.MatrixCursor
import android.net.Uri
import android.os.ParcelFileDescriptor
import android.os.SystemClock
import android.provider.OpenableColumns
import java.io.FileNotFoundException
import java.security.SecureRandom
import java.util.concurrent.ConcurrentHashMap
import kotlin.concurrent.thread

/**
 * Hands an export (the journal report) to the app she picks in the share sheet without writing it
 * to a file: the bytes stay in memory behind a one-time random URI, readable only by the app she
 * shares with (FLAG_GRANT_READ_URI_PERMISSION), streamed through a pipe, and forgotten after
 * [LIFETIME_MILLIS] or when [forgetAll] runs. The provider is not exported.
 *
 * What the receiving app does with it (an email draft, a chat upload) is outside Haven: the
 * screen warns her before she shares.
 */
class ExportProvider : ContentProvider() {

    private class Offer(val bytes: ByteArray, val name: String, val mimeType: String, val expiresAt: Long)

    override fun onCreate(): Boolean = true

    private fun offer(uri: Uri): Offer {
        val token = uri.lastPathSegment ?: throw FileNotFoundException("no export")
        val offer = offers[token] ?: throw FileNotFoundException("unknown export")
        if (SystemClock.elapsedRealtime() > offer.expiresAt) {
            offers.remove(token)
            throw FileNotFoundException("expired")
        }
        return offer
    }

    override fun openFile(uri: Uri, mode: String): ParcelFileDescriptor {
        if (mode != "r") throw FileNotFoundException("read only")
        val offer = offer(uri)
        val (readEnd, writeEnd) = ParcelFileDescriptor.createPipe()
        thread(name = "export", isDaemon = true) {
            ParcelFileDescriptor.AutoCloseOutputStream(writeEnd).use { it.write(offer.bytes) }
        }
        return readEnd
    }

    override fun query(uri: Uri, projection: Array<out String>?, selection: String?, selectionArgs: Array<out String>?, sortOrder: String?): Cursor {
        val offer = offer(uri)
        return MatrixCursor(arrayOf(OpenableColumns.DISPLAY_NAME, OpenableColumns.SIZE)).apply {
            addRow(arrayOf<Any>(offer.name, offer.bytes.size.toLong()))
        }
    }

    override fun getType(uri: Uri): String? = runCatching { offer(uri).mimeType }.getOrNull()
    override fun insert(uri: Uri, values: ContentValues?): Uri? = null
    override fun delete(uri: Uri, selection: String?, selectionArgs: Array<out String>?): Int = 0
    override fun update(uri: Uri, values: ContentValues?, selection: String?, selectionArgs: Array<out String>?): Int = 0

    companion object {
        const val LIFETIME_MILLIS = 5 * 60_000L

        private val offers = ConcurrentHashMap<String, Offer>()
        private val random = SecureRandom()

        fun authority(context: Context) = "${context.packageName}.export"

        /** Makes [bytes] available under a new one-time URI. */
        fun offer(context: Context, bytes: ByteArray, name: String, mimeType: String): Uri {
            val token = ByteArray(16).also(random::nextBytes).joinToString("") { "%02x".format(it) }
            offers[token] = Offer(bytes, name, mimeType, SystemClock.elapsedRealtime() + LIFETIME_MILLIS)
            return Uri.Builder().scheme("content").authority(authority(context)).appendPath(token).build()
        }

        /** The share sheet for [uri]: read access for the chosen app only. */
        fun shareIntent(uri: Uri, mimeType: String): Intent {
            val send = Intent(Intent.ACTION_SEND)
                .setType(mimeType)
                .putExtra(Intent.EXTRA_STREAM, uri)
                .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
                .apply { clipData = android.content.ClipData.newRawUri("", uri) }
            return Intent.createChooser(send, null).addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        }

        /** Forgets every export (the vault locked or was wiped). */
        fun forgetAll() = offers.clear()
    }
}
