package org.haven.app.viewer

import android.media.MediaDataSource

/**
 * Audio and video for MediaPlayer straight from memory: the bytes the core decrypted, never a
 * file. [close] (the player is released, or the vault locks) wipes them.
 */
class MemoryDataSource(private var bytes: ByteArray) : MediaDataSource() {
    @Synchronized
    override fun readAt(position: Long, buffer: ByteArray, offset: Int, size: Int): Int {
        if (position >= bytes.size) return -1
        val n = minOf(size.toLong(), bytes.size - position).toInt()
        System.arraycopy(bytes, position.toInt(), buffer, offset, n)
        return n
    }

    @Synchronized
    override fun getSize(): Long = bytes.size.toLong()

    @Synchronized
    override fun close() {
        bytes.fill(0)
        bytes = ByteArray(0)
    }
}
