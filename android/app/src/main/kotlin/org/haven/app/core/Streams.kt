package org.haven.app.core

import org.haven.core.ByteSink
import org.haven.core.ByteSource
import org.haven.core.StreamFailure
import java.io.IOException
import java.io.InputStream
import java.io.OutputStream

/**
 * The core's streamed calls over Java streams: a bundle goes from the core straight into the
 * document she chose (and back), 64 KiB at a time, without a copy in a file of ours. A failing
 * stream becomes the core's `StreamFailure` (the core then refuses the whole operation).
 */
class InputSource(private val input: InputStream) : ByteSource {
    override fun read(maxLen: UInt): ByteArray {
        val buffer = ByteArray(maxLen.toInt().coerceIn(1, MAX_CHUNK))
        val n = try {
            input.read(buffer)
        } catch (e: IOException) {
            throw StreamFailure.Failed()
        }
        return if (n <= 0) ByteArray(0) else buffer.copyOf(n)
    }

    companion object {
        const val MAX_CHUNK = 64 * 1024
    }
}

class OutputSink(private val output: OutputStream) : ByteSink {
    /** Bytes written so far. */
    var written = 0L
        private set

    override fun write(chunk: ByteArray) {
        try {
            output.write(chunk)
            written += chunk.size
        } catch (e: IOException) {
            throw StreamFailure.Failed()
        }
    }
}
