package org.haven.app.viewer

import android.graphics.Bitmap
import android.graphics.BitmapFactory

/** Decodes a photo from memory, downsampled to about the screen's size (a 12 MP photo is 48 MB decoded). */
object ImageDecoding {
    /** The largest power of two that still leaves the longer side at least [maxSide] (sharp, and at most 4× the pixels of the screen). */
    fun sampleSize(width: Int, height: Int, maxSide: Int): Int {
        var sample = 1
        while (maxOf(width, height) / (sample * 2) >= maxSide) sample *= 2
        return sample
    }

    fun decode(bytes: ByteArray, maxSide: Int): Bitmap? {
        val bounds = BitmapFactory.Options().apply { inJustDecodeBounds = true }
        BitmapFactory.decodeByteArray(bytes, 0, bytes.size, bounds)
        if (bounds.outWidth <= 0 || bounds.outHeight <= 0) return null
        val options = BitmapFactory.Options().apply { inSampleSize = sampleSize(bounds.outWidth, bounds.outHeight, maxSide) }
        return BitmapFactory.decodeByteArray(bytes, 0, bytes.size, options)
    }
}
