package org.haven.app.screens

import android.app.Activity
import android.app.Dialog
import android.graphics.Bitmap
import android.graphics.Canvas
import android.graphics.Color
import android.graphics.Paint
import android.view.View
import android.view.ViewGroup
import android.widget.ScrollView
import java.io.File

/**
 * Draws what is on screen into bitmaps with Robolectric's native graphics (real Skia text
 * rendering and measurement): the window's decor view, and for a screen that scrolls, the whole
 * content laid out at full length with a mark where the screen ends.
 */
object Rendering {
    fun views(view: View): List<View> =
        listOf(view) + if (view is ViewGroup) (0 until view.childCount).flatMap { views(view.getChildAt(it)) } else emptyList()

    /** The visible screen, as she sees it first. */
    fun screen(activity: Activity): Bitmap = draw(activity.window.decorView)

    fun draw(root: View): Bitmap {
        val bitmap = Bitmap.createBitmap(root.width.coerceAtLeast(1), root.height.coerceAtLeast(1), Bitmap.Config.ARGB_8888)
        root.draw(Canvas(bitmap))
        return bitmap
    }

    /**
     * The whole screen laid out tall enough to hold all of its scrolling content (then laid out
     * again at its real size). Red marks at both edges show where the phone's screen ends.
     */
    fun fullLength(activity: Activity): Bitmap =
        tall(activity) { _, bitmap -> bitmap }.also { markFold(it, activity.window.decorView.height) }

    /**
     * Lays the screen out tall enough for all of its content, draws it, runs [check] on the tall
     * layout and its bitmap (so that checks see every view, not only those on the first screen),
     * then lays it out again at its real size.
     */
    fun <T> tall(activity: Activity, check: (View, Bitmap) -> T): T {
        val root = activity.window.decorView
        val width = root.width
        val height = root.height
        val scroll = views(root).filterIsInstance<ScrollView>().firstOrNull()
        val content = scroll?.getChildAt(0)
        val needed = if (scroll != null && content != null) height - scroll.height + content.height else height
        if (needed <= height) return check(root, screen(activity))
        relayout(root, width, needed)
        val bitmap = draw(root)
        val result = try {
            check(root, bitmap)
        } finally {
            relayout(root, width, height)
        }
        return result
    }

    /** Red marks at both edges where the phone's screen ends (on a full-length rendering). */
    fun markFold(bitmap: Bitmap, screenHeight: Int) {
        if (bitmap.height <= screenHeight) return
        val paint = Paint().apply { color = Color.RED; strokeWidth = 3f }
        val canvas = Canvas(bitmap)
        val y = screenHeight.toFloat()
        canvas.drawLine(0f, y, 12f, y, paint)
        canvas.drawLine(bitmap.width - 12f, y, bitmap.width.toFloat(), y, paint)
    }

    private fun relayout(root: View, width: Int, height: Int) {
        root.measure(View.MeasureSpec.makeMeasureSpec(width, View.MeasureSpec.EXACTLY), View.MeasureSpec.makeMeasureSpec(height, View.MeasureSpec.EXACTLY))
        root.layout(0, 0, width, height)
    }

    /**
     * Lays a dialog's window out as the window manager would on this screen (Robolectric leaves
     * it unmeasured): at most the screen's width less the usual 16 dp margins, wrapped height.
     */
    fun layoutDialog(activity: Activity, dialog: Dialog): View {
        val decor = dialog.window!!.decorView
        org.robolectric.shadows.ShadowLooper.idleMainLooper()
        if (decor.width > 0 && decor.height > 0) return decor
        val screen = activity.window.decorView
        val margin = (16 * activity.resources.displayMetrics.density).toInt()
        decor.measure(
            View.MeasureSpec.makeMeasureSpec(screen.width - 2 * margin, View.MeasureSpec.AT_MOST),
            View.MeasureSpec.makeMeasureSpec(screen.height - 2 * margin, View.MeasureSpec.AT_MOST),
        )
        decor.layout(0, 0, decor.measuredWidth, decor.measuredHeight)
        return decor
    }

    /** A dialog over its dimmed screen. */
    fun withDialog(activity: Activity, dialog: Dialog): Bitmap {
        val screen = screen(activity)
        val canvas = Canvas(screen)
        canvas.drawColor(Color.argb(150, 0, 0, 0))
        val decor = layoutDialog(activity, dialog)
        val left = ((screen.width - decor.width) / 2f).coerceAtLeast(0f)
        val top = ((screen.height - decor.height) / 2f).coerceAtLeast(0f)
        canvas.save()
        canvas.translate(left, top)
        decor.draw(canvas)
        canvas.restore()
        return screen
    }

    fun save(bitmap: Bitmap, file: File) {
        file.parentFile?.mkdirs()
        file.outputStream().use { bitmap.compress(Bitmap.CompressFormat.PNG, 100, it) }
    }
}
