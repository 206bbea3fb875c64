package org.haven.core

import org.haven.core.model.AttachmentDraft
import org.haven.core.model.AttachmentKind
import org.haven.core.model.ChainStatus
import org.haven.core.model.ChoiceList
import org.haven.core.model.ContactDraft
import org.haven.core.model.EntryDraft
import org.haven.core.model.IncidentKind
import org.haven.core.model.Locale
import org.haven.core.model.OrderDraft
import org.haven.core.model.OrderKind
import org.haven.core.model.OrderStatus
import org.haven.core.model.PlanItemStatus
import org.haven.core.model.ReportRequest
import org.haven.core.model.ReportSelection
import org.haven.core.model.RevisionAction
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.ByteArrayInputStream
import java.io.ByteArrayOutputStream
import java.io.InputStream
import java.io.OutputStream
import java.time.Instant
import java.time.LocalDate
import java.time.temporal.ChronoUnit

const val PASSPHRASE = "correct horse battery staple"

/** A ByteSource over an InputStream, as a shell wraps a picked file. */
class StreamSource(private val input: InputStream) : ByteSource {
    val calls = java.util.concurrent.atomic.AtomicInteger()
    override fun read(maxLen: UInt): ByteArray {
        calls.incrementAndGet()
        val buf = ByteArray(maxLen.toInt())
        val n = input.read(buf)
        return if (n <= 0) ByteArray(0) else buf.copyOf(n)
    }
}

/** A ByteSink over an OutputStream. */
class StreamSink(private val output: OutputStream) : ByteSink {
    override fun write(chunk: ByteArray) = output.write(chunk)
}

fun entry(narrative: String, at: Instant = Instant.parse("2026-02-27T18:30:00Z")) = EntryDraft(
    occurredAt = at,
    timeZone = "Asia/Almaty",
    kinds = listOf(IncidentKind.THREATS, IncidentKind.PHYSICAL),
    narrative = narrative,
    injuries = "bruise on the left arm",
    witnesses = "neighbour",
    place = "kitchen",
    policeInvolved = true,
    policeReference = "KUI 123",
    medicalInvolved = false,
    medicalReference = null,
)

fun contact(name: String, phone: String) = ContactDraft(
    name = name,
    phone = phone,
    relation = "friend",
    codeWord = "blue umbrella",
    capabilities = listOf("keep_go_bag", "call_police"),
    emergency = true,
)

/** Every data feature of a Session, through the generated Kotlin. */
class DataTest {
    @Test
    fun `safety plan`(): Unit = TempVault().use { v ->
        v.setup().use { s ->
            val plan = s.plan()
            assertTrue(plan.size >= 10, "every standard section is seeded")
            val money = s.planSection("money")
            assertTrue(money.items.all { it.status == PlanItemStatus.SUGGESTED })
            val (a, b) = money.items[0].id to money.items[1].id
            s.dismissPlanSuggestion(a)
            assertEquals(1, s.planSection("money").dismissed.size)
            s.adoptPlanSuggestion(a)
            assertEquals(a, s.planSection("money").items.last().id)
            val edited = s.editPlanItem(b, "my own wording")
            assertTrue(edited.isOwnText)
            assertEquals(PlanItemStatus.ADOPTED, edited.status)
            val own = s.addPlanItem("money", "cash in the shoe")
            s.setPlanItemChecked(own.id, true)
            assertTrue(s.planSection("money").items.first { it.id == own.id }.checked)
            s.movePlanItem(own.id, 0u)
            assertEquals(own.id, s.planSection("money").items[0].id)
            s.removePlanItem(own.id)
            assertTrue(s.planSection("money").items.none { it.id == own.id })
            s.setPlanReviewDate(LocalDate.of(2026, 6, 1))
            assertEquals(LocalDate.of(2026, 6, 1), s.planSection("review_date").reviewDate)
            s.setPlanReviewDate(null)
            assertEquals(null, s.planSection("review_date").reviewDate)
            val e = assertThrows<HavenException.NotFound> { s.planSection("no_such_section") }
            assertEquals("plan section", e.what)
        }
    }

    @Test
    fun `trusted contacts`(): Unit = TempVault().use { v ->
        v.setup().use { s ->
            val a = s.addContact(contact("Айгуль", "8 701 123 45 67"))
            assertEquals("+77011234567", a.phone)
            assertEquals(listOf("call_police", "keep_go_bag"), a.capabilities)
            val b = s.addContact(contact("Dana", "+7 701 765 43 21"))
            assertEquals(listOf(a.id, b.id), s.contacts().map { it.id })
            s.moveContact(b.id, 0u)
            assertEquals(listOf(b.id, a.id), s.contacts().map { it.id })
            val updated = s.updateContact(a.id, contact("Aigul", "87017654321"))
            assertEquals("Aigul", s.contact(a.id).name)
            assertEquals(updated, s.contact(a.id))
            s.removeContact(b.id)
            assertThrows<HavenException.NotFound> { s.contact(b.id) }
            val bad = assertThrows<HavenException.InvalidInput> { s.addContact(contact("A", "12345")) }
            assertEquals("phone", bad.field)
            assertFalse(bad.toString().contains("12345"))
        }
    }

    @Test
    fun `journal with revisions, attachments in memory and streamed, evidence chain`(): Unit = TempVault().use { v ->
        v.setup().use { s ->
            val e = s.addJournalEntry(entry("He threatened me"))
            assertEquals(1u, e.revisionCount)
            val edited = s.editJournalEntry(e.id, entry("He threatened me with a knife"))
            assertEquals(2u, edited.revisionCount)
            assertEquals("He threatened me with a knife", s.journalEntry(e.id).narrative)

            val photo = ByteArray(300_000) { (it * 31).toByte() }
            val small = s.addAttachment(e.id, AttachmentDraft(AttachmentKind.PHOTO, "arm.jpg", "image/jpeg"), photo)
            assertEquals(photo.size.toULong(), small.size)
            assertArrayEquals(photo, s.attachmentBytes(small.id))

            val audio = ByteArray(1_500_000) { (it % 251).toByte() }
            val source = StreamSource(ByteArrayInputStream(audio))
            val big = s.addAttachmentStream(
                e.id, AttachmentDraft(AttachmentKind.AUDIO, null, "audio/mp4"), audio.size.toULong(), source)
            assertTrue(source.calls.get() > 2, "streamed in chunks, not at once")
            val out = ByteArrayOutputStream()
            assertEquals(audio.size.toULong(), s.readAttachmentTo(big.id, StreamSink(out)))
            assertArrayEquals(audio, out.toByteArray())
            assertEquals(2, s.journalEntry(e.id).attachments.size)

            val revisions = s.journalRevisions(e.id)
            assertEquals(listOf(RevisionAction.CREATE, RevisionAction.EDIT, RevisionAction.ATTACH, RevisionAction.ATTACH),
                revisions.map { it.action })
            assertEquals(revisions[0].hash, revisions[1].prevHash)
            val status = s.verifyChain()
            assertInstanceOf(ChainStatus.Intact::class.java, status)
            assertEquals(4uL, (status as ChainStatus.Intact).v1.revisions)

            val feb = s.journalMonth(2026, 2u, "Asia/Almaty", false)
            assertEquals(listOf(e.id), feb.map { it.id })
            s.hideJournalEntry(e.id)
            assertTrue(s.journalMonth(2026, 2u, "Asia/Almaty", false).isEmpty())
            assertEquals(1, s.journalMonth(2026, 2u, "Asia/Almaty", true).size)
            s.restoreJournalEntry(e.id)
            val from = Instant.parse("2026-02-01T00:00:00Z")
            assertEquals(1, s.journalBetween(from, from.plus(60, ChronoUnit.DAYS), false).size)

            val other = s.addJournalEntry(entry("to be erased", Instant.parse("2026-01-10T10:00:00Z")))
            s.eraseEntryPermanently(other.id)
            assertThrows<HavenException.NotFound> { s.journalEntry(other.id) }
            assertInstanceOf(ChainStatus.Intact::class.java, s.verifyChain())

            val bad = assertThrows<HavenException.InvalidInput> {
                s.addJournalEntry(entry("x").copy(timeZone = "Mars/Olympus"))
            }
            assertEquals("time_zone", bad.field)
        }
    }

    @Test
    fun `protection orders and their standing`(): Unit = TempVault().use { v ->
        v.setup().use { s ->
            val today = LocalDate.now(java.time.ZoneOffset.ofHours(5))
            val draft = OrderDraft(
                kind = OrderKind.POLICE_PROTECTIVE_ORDER,
                issuingBody = "Police department, Almaty",
                reference = "No. 77",
                issuedOn = today.minusDays(2),
                expiresOn = null,
                conditions = "no contact",
                linkedEntries = emptyList(),
                linkedDocuments = emptyList(),
            )
            val order = s.addProtectionOrder(draft)
            assertNotNull(order.expiresOn, "a police order gets its legal default expiry")
            assertEquals(listOf(order), s.protectionOrders())
            val standing = s.protectionOrderStanding(order.id, 3u)
            assertTrue(standing.status == OrderStatus.ACTIVE || standing.status == OrderStatus.EXPIRING_SOON)
            assertTrue(standing.daysLeft!! > 0)
            val updated = s.updateProtectionOrder(order.id, draft.copy(conditions = "no contact, no approach"))
            assertEquals("no contact, no approach", s.protectionOrder(order.id).conditions)
            assertEquals(updated, s.protectionOrder(order.id))
            s.removeProtectionOrder(order.id)
            assertTrue(s.protectionOrders().isEmpty())
            val info = orderKindInfo(OrderKind.COURT_SPECIAL_REQUIREMENTS, Locale.RU)
            assertTrue(info.name.isNotBlank())
            assertTrue(info.sources.isNotEmpty())
        }
    }

    @Test
    fun `danger signs, rights and content`(): Unit = TempVault().use { v ->
        v.setup(options = options(locale = Locale.KK)).use { s ->
            val signs = s.dangerSigns()
            assertEquals(dangerSigns(Locale.KK), signs)
            val first = signs.signs[0].id
            s.setDangerSignTicked(first, true)
            assertEquals(listOf(first), s.tickedDangerSigns())
            s.setDangerSignTicked(first, false)
            assertTrue(s.tickedDangerSigns().isEmpty())
            assertThrows<HavenException.InvalidInput> { s.setDangerSignTicked("no_such_sign", true) }
            assertEquals(rights(Locale.KK), s.rights())
            assertTrue(s.rights().isNotEmpty())
        }
        for (list in ChoiceList.values()) {
            assertTrue(choices(list, Locale.RU).isNotEmpty(), "$list")
        }
        assertEquals(choices(ChoiceList.INCIDENT_KINDS, Locale.EN).map { it.id },
            choices(ChoiceList.INCIDENT_KINDS, Locale.KK).map { it.id })
    }

    @Test
    fun `report, encrypted bundle out and back in, refused imports`(): Unit = TempVault().use { v ->
        val s = v.setup()
        val e = s.addJournalEntry(entry("He took my passport"))
        s.addAttachment(e.id, AttachmentDraft(AttachmentKind.DOCUMENT, "scan.pdf", "application/pdf"), ByteArray(10_000) { 7 })
        val from = Instant.parse("2026-01-01T00:00:00Z")
        val report = s.exportReport(PIN, ReportRequest(ReportSelection.Between(from, from.plus(365, ChronoUnit.DAYS)), Locale.EN, false))
        assertTrue(report.contains("He took my passport"))
        assertThrows<HavenException.InvalidInput> {
            s.exportReport(WRONG_PIN, ReportRequest(ReportSelection.Entries(listOf(e.id)), Locale.EN, false))
        }
        val bundle = s.exportBundle(PIN, PASSPHRASE)
        val streamed = ByteArrayOutputStream()
        s.exportBundleTo(PIN, PASSPHRASE, StreamSink(streamed))
        assertTrue(streamed.size() > 10_000)
        s.close()

        TempVault().use { fresh ->
            fresh.setup().use { t ->
                val rejected = assertThrows<HavenException.ImportRejected> { t.importBundle(PASSPHRASE, ByteArray(1000) { 1 }) }
                assertTrue(rejected.reason.isNotBlank())
                assertThrows<HavenException.ImportRejected> { t.importBundle("wrong passphrase!!", bundle) }
                assertEquals(1uL, t.importBundleFrom(PASSPHRASE, StreamSource(ByteArrayInputStream(streamed.toByteArray()))))
                val imported = t.journalBetween(from, from.plus(365, ChronoUnit.DAYS), false)
                assertEquals(listOf("He took my passport"), imported.map { it.narrative })
                assertInstanceOf(ChainStatus.Intact::class.java, t.verifyChain())
            }
        }
        TempVault().use { fresh ->
            fresh.setup().use { t -> assertEquals(1uL, t.importBundle(PASSPHRASE, bundle)) }
        }
    }

    @Test
    fun `every data call fails with Locked after quick exit`(): Unit = TempVault().use { v ->
        val s = v.setup()
        val e = s.addJournalEntry(entry("x"))
        v.haven.quickExit()
        val calls: List<() -> Unit> = listOf(
            { s.plan() }, { s.planSection("money") }, { s.addPlanItem("money", "x") },
            { s.contacts() }, { s.addContact(contact("A", "87011234567")) },
            { s.journalEntry(e.id) }, { s.addJournalEntry(entry("y")) }, { s.verifyChain() },
            { s.attachmentBytes(1) }, { s.protectionOrders() }, { s.dangerSigns() }, { s.rights() },
            { s.exportBundle(PIN, PASSPHRASE) }, { s.importBundle(PASSPHRASE, ByteArray(10)) },
        )
        for (call in calls) assertThrows<HavenException.Locked> { call() }
        s.close()
    }
}
