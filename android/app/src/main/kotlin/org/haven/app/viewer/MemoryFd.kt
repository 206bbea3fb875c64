package org.haven.app.viewer

import android.os.Build
import android.os.ParcelFileDescriptor
import android.system.Os
import android.system.OsConstants
import java.io.FileOutputStream

/**
 * A seekable file descriptor whose contents live only in memory, for PdfRenderer (which needs
 * to seek, so a pipe will not do): `memfd_create` (Android 11+), an anonymous file in RAM with no
 * name in any file system. Closing it frees the memory. On older Android there is no public way
 * to do this, and a PDF is not shown rather than written to disk.
 */
object MemoryFd {
    val supported: Boolean get() = Build.VERSION.SDK_INT >= Build.VERSION_CODES.R

    fun of(bytes: ByteArray): ParcelFileDescriptor? {
        if (!supported) return null
        val fd = Os.memfd_create("v", OsConstants.MFD_CLOEXEC)
        val pfd = ParcelFileDescriptor.dup(fd)
        Os.close(fd)
        try {
            FileOutputStream(pfd.fileDescriptor).apply { write(bytes); flush() }
            Os.lseek(pfd.fileDescriptor, 0, OsConstants.SEEK_SET)
        } catch (e: Exception) {
            pfd.close()
            throw e
        }
        return pfd
    }
}
