package org.haven.app.journal

import android.content.ContentResolver
import android.content.Intent
import android.net.Uri
import android.provider.OpenableColumns

/**
 * Attachments from files: the system picker (ACTION_OPEN_DOCUMENT, no storage permission).
 * The chosen file is read once, size-capped, into memory and handed to the vault; no copy is
 * made outside it and no lasting access to the original is kept (no persistable grant). The
 * original stays where it was: the journal screen reminds her to delete it there if needed.
 */
object DocumentPicker {
    val MIME_TYPES = arrayOf("image/*", "audio/*", "video/*", "application/pdf", "text/plain")

    fun intent(): Intent = Intent(Intent.ACTION_OPEN_DOCUMENT)
        .addCategory(Intent.CATEGORY_OPENABLE)
        .setType("*/*")
        .putExtra(Intent.EXTRA_MIME_TYPES, MIME_TYPES)

    /** The picked document's bytes, name and type; null if it is larger than [limitBytes]. */
    class Picked(val bytes: ByteArray, val name: String, val mimeType: String)

    fun read(resolver: ContentResolver, uri: Uri, limitBytes: Int = CaptureProvider.DEFAULT_LIMIT_BYTES): Picked? {
        var name = "file"
        var size = -1L
        resolver.query(uri, arrayOf(OpenableColumns.DISPLAY_NAME, OpenableColumns.SIZE), null, null, null)?.use { c ->
            if (c.moveToFirst()) {
                c.getString(0)?.let { name = it }
                if (!c.isNull(1)) size = c.getLong(1)
            }
        }
        if (size > limitBytes) return null
        val bytes = resolver.openInputStream(uri)?.use { input ->
            val out = java.io.ByteArrayOutputStream()
            val chunk = ByteArray(64 * 1024)
            while (true) {
                val read = input.read(chunk)
                if (read < 0) break
                if (out.size() + read > limitBytes) return null
                out.write(chunk, 0, read)
            }
            out.toByteArray()
        } ?: return null
        return Picked(bytes, name, resolver.getType(uri) ?: "application/octet-stream")
    }
}
