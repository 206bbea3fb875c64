package org.haven.app.viewer

import android.content.Intent
import android.graphics.Bitmap
import android.graphics.Canvas
import android.graphics.Color
import android.graphics.drawable.BitmapDrawable
import android.widget.ImageView
import android.widget.TextView
import org.haven.app.TestHavenApplication
import org.haven.app.vault.JournalEntryActivity
import org.haven.app.vault.app
import org.haven.app.vault.clickTag
import org.haven.app.vault.openVault
import org.haven.app.vault.setUpVault
import org.haven.app.vault.settle
import org.haven.core.model.AttachmentDraft
import org.haven.core.model.AttachmentKind
import org.haven.core.model.EntryDraft
import org.haven.core.model.IncidentKind
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowMediaPlayer
import java.io.ByteArrayOutputStream
import java.time.Instant

/** Attachments opened inside the vault, from memory, closed on lock. */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35], application = TestHavenApplication::class, qualifiers = "w360dp-h640dp-mdpi")
class ViewerTest {
    private val session get() = app.vault.session!!

    private fun entryWith(bytes: ByteArray, mime: String, kind: AttachmentKind): Pair<Long, Long> {
        setUpVault()
        openVault()
        val entry = session.addJournalEntry(
            EntryDraft(
                occurredAt = Instant.now().minusSeconds(3600), timeZone = "Asia/Almaty", kinds = listOf(IncidentKind.entries.first()),
                narrative = "x", injuries = null, witnesses = null, place = null, policeInvolved = false,
                policeReference = null, medicalInvolved = false, medicalReference = null,
            ),
        )
        val attachment = session.addAttachment(entry.id, AttachmentDraft(kind, null, mime), bytes)
        return entry.id to attachment.id
    }

    private fun viewer(id: Long, mime: String) = Robolectric.buildActivity(
        AttachmentViewerActivity::class.java,
        Intent(app, AttachmentViewerActivity::class.java).putExtra(AttachmentViewerActivity.EXTRA_ID, id).putExtra(AttachmentViewerActivity.EXTRA_MIME, mime),
    ).setup().also { settle() }

    private fun png(width: Int, height: Int): ByteArray {
        val bitmap = Bitmap.createBitmap(width, height, Bitmap.Config.ARGB_8888)
        Canvas(bitmap).drawColor(Color.rgb(200, 80, 40))
        return ByteArrayOutputStream().also { bitmap.compress(Bitmap.CompressFormat.PNG, 100, it) }.toByteArray()
    }

    @Test
    fun `the journal entry opens an attachment in the viewer`() {
        val (entryId, attachmentId) = entryWith(png(20, 20), "image/png", AttachmentKind.PHOTO)
        val entry = Robolectric.buildActivity(
            JournalEntryActivity::class.java,
            Intent(app, JournalEntryActivity::class.java).putExtra(JournalEntryActivity.EXTRA_ENTRY_ID, entryId),
        ).setup().get().also { settle() }
        entry.window.decorView.clickTag(JournalEntryActivity.attachmentTag(attachmentId))
        val next = shadowOf(entry).nextStartedActivity
        assertEquals(AttachmentViewerActivity::class.java.name, next.component!!.className)
        assertEquals(attachmentId, next.getLongExtra(AttachmentViewerActivity.EXTRA_ID, -1))
    }

    @Test
    fun `a large photo is decoded from the core's stream, downsampled to the screen`() {
        val (_, id) = entryWith(png(2400, 1800), "image/png", AttachmentKind.PHOTO)
        val screen = viewer(id, "image/png").get()
        val image = screen.window.decorView.findViewWithTag<ImageView>(AttachmentViewerActivity.IMAGE_TAG)
        val shown = (image.drawable as BitmapDrawable).bitmap
        assertEquals("2400 / 2: still at least the 640 px screen, a quarter of the pixels", 1200, shown.width)
        assertEquals(900, shown.height)
        assertEquals(2, ImageDecoding.sampleSize(2400, 1800, 640))
        assertEquals(8, ImageDecoding.sampleSize(12000, 9000, 1000))
        assertEquals(1, ImageDecoding.sampleSize(600, 400, 640))
    }

    @Test
    fun `audio plays from memory through a MediaDataSource, wiped and released when the vault locks`() {
        val audio = ByteArray(50_000) { (it * 7).toByte() }
        val (_, id) = entryWith(audio, "audio/mp4", AttachmentKind.AUDIO)
        // Robolectric's MediaPlayer plays nothing; it needs to be told how long the media is.
        ShadowMediaPlayer.setMediaInfoProvider { ShadowMediaPlayer.MediaInfo(1000, 0) }
        val controller = viewer(id, "audio/mp4")
        val screen = controller.get()
        assertNotNull(screen.player)
        val source = screen.dataSource!!
        assertEquals(audio.size.toLong(), source.size)
        val read = ByteArray(audio.size)
        var at = 0
        while (at < read.size) at += source.readAt(at.toLong(), read, at, minOf(4096, read.size - at))
        assertArrayEquals(audio, read)
        assertEquals(-1, source.readAt(audio.size.toLong(), read, 0, 10))

        app.watcher.lockNow()
        assertTrue(screen.isFinishing)
        controller.destroy()
        assertNull(screen.player)
        assertEquals("the bytes are wiped", 0L, source.size)
    }

    @Test
    fun `a PDF is rendered from a memory file descriptor, or plainly refused, never written to disk`() {
        val pdf = javaClass.getResourceAsStream("/one-page.pdf")?.readBytes() ?: minimalPdf()
        val (_, id) = entryWith(pdf, "application/pdf", AttachmentKind.DOCUMENT)
        val dataDir = app.dataDir
        val before = dataDir.walk().map { it.path to it.length() }.toSet()
        val controller = viewer(id, "application/pdf")
        val screen = controller.get()
        val texts = org.haven.app.screens.Rendering.views(screen.window.decorView).filterIsInstance<TextView>().map { it.text.toString() }
        assertTrue(texts.toString(), texts.any { it == "Page 1 of 1" } || texts.any { it.startsWith("This file cannot be shown here") })
        val after = dataDir.walk().filter { it.isFile }.map { it.path }.toSet()
        assertTrue("no new file outside the vault's databases", (after - before.map { it.first }.toSet()).all { it.contains("/v/") })
        controller.pause().stop().destroy()
        assertNull(screen.pdf)
    }

    /** A one-page PDF (a blank A7 page). */
    private fun minimalPdf(): ByteArray {
        val objects = listOf(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 210 297] >>",
        )
        val out = StringBuilder("%PDF-1.4\n")
        val offsets = mutableListOf<Int>()
        objects.forEachIndexed { i, body ->
            offsets += out.length
            out.append("${i + 1} 0 obj\n$body\nendobj\n")
        }
        val xref = out.length
        out.append("xref\n0 ${objects.size + 1}\n0000000000 65535 f \n")
        offsets.forEach { out.append(String.format("%010d 00000 n \n", it)) }
        out.append("trailer\n<< /Size ${objects.size + 1} /Root 1 0 R >>\nstartxref\n$xref\n%%EOF\n")
        return out.toString().toByteArray(Charsets.ISO_8859_1)
    }
}
