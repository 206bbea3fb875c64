package org.haven.app.viewer

import android.graphics.Bitmap
import android.graphics.Color
import android.graphics.pdf.PdfRenderer
import android.media.MediaPlayer
import android.os.ParcelFileDescriptor
import android.view.SurfaceHolder
import android.view.SurfaceView
import android.view.View
import android.view.ViewGroup
import android.widget.ImageView
import android.widget.LinearLayout
import org.haven.app.core.OutputSink
import org.haven.app.text.UiText
import org.haven.app.ui.Views
import org.haven.app.vault.VaultActivity
import java.io.ByteArrayOutputStream

/**
 * Opens one attachment inside the vault, without writing its plaintext anywhere: the core
 * streams the decrypted bytes into memory, and
 * - a photo is decoded from there, downsampled to the screen;
 * - audio and video play through MediaPlayer fed by a [MemoryDataSource];
 * - a PDF is rendered page by page by PdfRenderer from a [MemoryFd] (Android 11+).
 * Like every vault screen it is closed when the vault locks; closing releases the player, the
 * renderer and its descriptor, and wipes the bytes.
 */
class AttachmentViewerActivity : VaultActivity() {
    override val screenTitle = UiText.VIEWER_TITLE

    private val attachmentId get() = intent.getLongExtra(EXTRA_ID, -1)
    private val mimeType get() = intent.getStringExtra(EXTRA_MIME).orEmpty()

    private var bytes: ByteArray? = null
    private var bitmap: Bitmap? = null

    /** Visible for tests: what is open. */
    var player: MediaPlayer? = null
        private set
    var dataSource: MemoryDataSource? = null
        private set
    var pdf: PdfRenderer? = null
        private set
    private var pdfFd: ParcelFileDescriptor? = null
    private var page = 0

    private lateinit var area: LinearLayout

    override fun content(): View {
        area = Views.column(this).apply { tag = AREA_TAG }
        val loaded = bytes
        if (loaded != null) show(loaded) else load({ session ->
            val out = ByteArrayOutputStream()
            session.readAttachmentTo(attachmentId, OutputSink(out))
            out.toByteArray()
        }) { read ->
            bytes = read
            show(read)
        }
        return area
    }

    private fun show(data: ByteArray) {
        area.removeAllViews()
        when {
            mimeType.startsWith("image/") -> showImage(data)
            mimeType.startsWith("audio/") -> showMedia(data, video = false)
            mimeType.startsWith("video/") -> showMedia(data, video = true)
            mimeType == "application/pdf" -> showPdf(data)
            mimeType.startsWith("text/") -> area.addView(Views.body(this, String(data, Charsets.UTF_8)))
            else -> area.addView(Views.body(this, t(UiText.VIEWER_CANNOT_SHOW)))
        }
    }

    private fun showImage(data: ByteArray) {
        val metrics = resources.displayMetrics
        val decoded = bitmap ?: ImageDecoding.decode(data, maxOf(metrics.widthPixels, metrics.heightPixels))?.also { bitmap = it }
        if (decoded == null) return area.addView(Views.body(this, t(UiText.VIEWER_CANNOT_SHOW)))
        area.addView(
            ImageView(this).apply {
                tag = IMAGE_TAG
                adjustViewBounds = true
                setImageBitmap(decoded)
                contentDescription = t(UiText.VIEWER_PHOTO)
                layoutParams = LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT)
            },
        )
    }

    private fun showMedia(data: ByteArray, video: Boolean) {
        val mediaPlayer = player ?: run {
            val mp = MediaPlayer()
            val source = MemoryDataSource(data).also { dataSource = it }
            player = mp
            val ready = runCatching {
                mp.setDataSource(source)
                mp.prepare()
            }
            if (ready.isFailure) return area.addView(Views.body(this, t(UiText.VIEWER_CANNOT_SHOW)))
            mp
        }
        if (video) {
            area.addView(
                SurfaceView(this).apply {
                    setBackgroundColor(Color.BLACK)
                    layoutParams = LinearLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, Views.dp(context, 240))
                    holder.addCallback(object : SurfaceHolder.Callback {
                        override fun surfaceCreated(holder: SurfaceHolder) = mediaPlayer.setDisplay(holder)
                        override fun surfaceChanged(holder: SurfaceHolder, format: Int, width: Int, height: Int) = Unit
                        override fun surfaceDestroyed(holder: SurfaceHolder) = mediaPlayer.setDisplay(null)
                    })
                },
            )
        }
        area.addView(
            Views.row(
                this,
                Views.button(this, t(UiText.VIEWER_PLAY), Views.Role.PRIMARY) { runCatching { mediaPlayer.start() } }.apply { tag = PLAY_TAG },
                Views.button(this, t(UiText.VIEWER_PAUSE)) { runCatching { mediaPlayer.pause() } }.apply { tag = PAUSE_TAG },
            ),
        )
    }

    private fun showPdf(data: ByteArray) {
        val renderer = pdf ?: run {
            if (!MemoryFd.supported) return area.addView(Views.body(this, t(UiText.VIEWER_PDF_NEEDS_11)))
            val fd = runCatching { MemoryFd.of(data) }.getOrNull()
                ?: return area.addView(Views.body(this, t(UiText.VIEWER_CANNOT_SHOW)))
            pdfFd = fd
            runCatching { PdfRenderer(fd) }.getOrNull()?.also { pdf = it }
                ?: return area.addView(Views.body(this, t(UiText.VIEWER_CANNOT_SHOW)))
        }
        val count = renderer.pageCount
        if (count == 0) return area.addView(Views.body(this, t(UiText.VIEWER_CANNOT_SHOW)))
        page = page.coerceIn(0, count - 1)
        val width = resources.displayMetrics.widthPixels - Views.dp(this, 32)
        val rendered = renderer.openPage(page).use { p ->
            val height = (width.toLong() * p.height / maxOf(1, p.width)).toInt().coerceAtLeast(1)
            Bitmap.createBitmap(width, height, Bitmap.Config.ARGB_8888).also { b ->
                b.eraseColor(Color.WHITE)
                p.render(b, null, null, PdfRenderer.Page.RENDER_MODE_FOR_DISPLAY)
            }
        }
        bitmap?.recycle()
        bitmap = rendered
        area.addView(Views.caption(this, UiText.VIEWER_PAGE.format(lang, page + 1, count)).apply { tag = PAGE_TAG })
        area.addView(ImageView(this).apply { setImageBitmap(rendered); contentDescription = UiText.VIEWER_PAGE.format(lang, page + 1, count) })
        area.addView(
            Views.row(
                this,
                Views.button(this, t(UiText.VIEWER_PREVIOUS)) { if (page > 0) { page--; show(data) } },
                Views.button(this, t(UiText.VIEWER_NEXT)) { if (page < count - 1) { page++; show(data) } }.apply { tag = NEXT_TAG },
            ),
        )
    }

    /** Everything open is released and the bytes wiped: the vault locked, or she went back. */
    override fun onDestroy() {
        player?.release()
        player = null
        dataSource?.close()
        dataSource = null
        pdf?.close()
        pdf = null
        pdfFd?.close()
        pdfFd = null
        bitmap?.recycle()
        bitmap = null
        bytes?.fill(0)
        bytes = null
        super.onDestroy()
    }

    companion object {
        const val EXTRA_ID = "attachment"
        const val EXTRA_MIME = "mime"
        const val AREA_TAG = "viewer-area"
        const val IMAGE_TAG = "viewer-image"
        const val PLAY_TAG = "viewer-play"
        const val PAUSE_TAG = "viewer-pause"
        const val PAGE_TAG = "viewer-page"
        const val NEXT_TAG = "viewer-next"
    }
}
