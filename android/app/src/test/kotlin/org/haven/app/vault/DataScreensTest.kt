package org.haven.app.vault

import android.app.Activity
import android.content.Intent
import android.net.Uri
import android.provider.OpenableColumns
import android.view.View
import android.view.ViewGroup
import android.widget.Button
import android.widget.CheckBox
import android.widget.EditText
import android.widget.TextView
import org.haven.app.TestHavenApplication
import org.haven.app.intents.PhoneIntents
import org.haven.app.journal.ExportProvider
import org.haven.core.model.ContactDraft
import org.haven.core.model.EntryDraft
import org.haven.core.model.IncidentKind
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertThrows
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ActivityController
import org.robolectric.annotation.Config
import java.io.ByteArrayInputStream
import java.io.FileNotFoundException
import java.time.Instant
import java.time.LocalDate
import java.time.LocalDateTime
import android.app.DatePickerDialog
import android.app.TimePickerDialog
import android.content.DialogInterface
import org.robolectric.shadows.ShadowDialog
import org.robolectric.shadows.ShadowLooper

/** The data screens against the real core: what she does on screen lands in the vault. */
@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35], application = TestHavenApplication::class)
class DataScreensTest {

    private fun <T : Activity> open(type: Class<T>, intent: Intent? = null): ActivityController<T> {
        setUpVault()
        openVault()
        return show(type, intent)
    }

    private fun <T : Activity> show(type: Class<T>, intent: Intent? = null): ActivityController<T> =
        Robolectric.buildActivity(type, intent).setup().also { settle() }

    private val session get() = app.vault.session!!

    private fun Activity.root(): View = window.decorView
    private fun Activity.field(tag: String): EditText = root().findViewWithTag(tag)
    private fun Activity.click(tag: String) {
        root().clickTag(tag)
        settle()
    }

    private fun views(view: View): List<View> =
        listOf(view) + if (view is ViewGroup) (0 until view.childCount).flatMap { views(view.getChildAt(it)) } else emptyList()

    private fun Activity.texts(): List<String> = views(root()).filterIsInstance<TextView>().map { it.text.toString() }
    private fun Activity.buttonWithText(text: String): Button =
        views(root()).filterIsInstance<Button>().first { it.text.toString() == text && it !is CheckBox }

    @Test
    fun `plan shows the core's sections, and her own step is stored and ticked`() {
        val plan = open(PlanActivity::class.java).get()
        val sections = session.plan()
        assertTrue(sections.isNotEmpty())
        for (section in sections) assertTrue(section.title in plan.texts())

        val first = sections.first()
        val sectionView = plan.root().findViewWithTag<ViewGroup>(first.id)
        val input = views(sectionView).filterIsInstance<EditText>().single()
        input.setText("Spare key at my sister's")
        views(sectionView).filterIsInstance<Button>().last().performClick()
        settle()
        val item = session.planSection(first.id).items.single { it.text == "Spare key at my sister's" }
        assertTrue(item.isOwnText)

        val box = views(plan.root()).filterIsInstance<CheckBox>().single { it.text.toString() == item.text }
        box.performClick()
        settle()
        assertTrue(session.planSection(first.id).items.single { it.id == item.id }.checked)
    }

    @Test
    fun `a contact typed in is stored, and call and message open the phone's own apps`() {
        val screen = open(ContactsActivity::class.java).get()
        screen.field(ContactsActivity.NAME_TAG).setText("Aigerim")
        screen.field(ContactsActivity.PHONE_TAG).setText("+7 701 123 45 67")
        screen.field(ContactsActivity.CODE_WORD_TAG).setText("blue umbrella")
        screen.root().findViewWithTag<CheckBox>(ContactsActivity.EMERGENCY_TAG).performClick()
        screen.click(ContactsActivity.SAVE_TAG)

        val stored = session.contacts().single()
        assertEquals("Aigerim", stored.name)
        assertTrue(stored.emergency)
        assertEquals("blue umbrella", stored.codeWord)

        screen.buttonWithText("Call").performClick()
        val dial = shadowOf(screen).nextStartedActivity
        assertEquals(Intent.ACTION_DIAL, dial.action)
        assertEquals(stored.phone, dial.data!!.schemeSpecificPart)

        screen.buttonWithText("Message").performClick()
        val sms = shadowOf(screen).nextStartedActivity
        assertEquals(Intent.ACTION_SENDTO, sms.action)
        assertNull("nothing prefilled for an ordinary message", sms.getStringExtra(PhoneIntents.EXTRA_SMS_BODY))
    }

    @Test
    fun `SOS writes to every emergency contact with their code word, one message per code word`() {
        setUpVault()
        openVault()
        fun add(name: String, phone: String, codeWord: String?, emergency: Boolean) =
            session.addContact(ContactDraft(name, phone, "friend", codeWord, emptyList(), emergency))
        add("A", "+77010000001", "blue umbrella", true)
        add("B", "+77010000002", "blue umbrella", true)
        add("C", "+77010000003", "red kettle", true)
        add("D", "+77010000004", "blue umbrella", false)
        val screen = show(ContactsActivity::class.java).get()

        val sosButtons = views(screen.root()).filter { it.tag == ContactsActivity.SOS_TAG }
        assertEquals(2, sosButtons.size)
        val intents = sosButtons.map {
            it.performClick()
            shadowOf(screen).nextStartedActivity
        }
        val byBody = intents.associate { it.getStringExtra(PhoneIntents.EXTRA_SMS_BODY) to it.data!!.schemeSpecificPart }
        val blue = byBody["blue umbrella"]!!
        assertTrue(blue.contains("+77010000001") && blue.contains("+77010000002"))
        assertTrue("a non-emergency contact gets no SOS", !blue.contains("+77010000004"))
        assertEquals("+77010000003", byBody["red kettle"])
    }

    @Test
    fun `no SOS button without an emergency contact`() {
        val screen = open(ContactsActivity::class.java).get()
        assertTrue(views(screen.root()).none { it.tag == ContactsActivity.SOS_TAG })
    }

    private fun writeEntry(screen: JournalEntryActivity, whenText: String, narrative: String) {
        screen.whenField.value = LocalDateTime.parse(whenText.replace(' ', 'T'))
        screen.field(JournalEntryActivity.NARRATIVE_TAG).setText(narrative)
        screen.click(JournalEntryActivity.SAVE_TAG)
    }

    @Test
    fun `a journal entry written on screen is stored, and an edit is a new revision`() {
        val screen = open(JournalEntryActivity::class.java).get()
        views(screen.root()).filterIsInstance<CheckBox>().first().performClick() // the first kind
        writeEntry(screen, "2026-03-01 14:30", "He broke the door")
        val entry = session.journalBetween(Instant.EPOCH, Instant.now(), false).single()
        assertEquals("He broke the door", entry.narrative)
        assertEquals(listOf(IncidentKind.entries.first()), entry.kinds)
        assertEquals(1u, entry.revisionCount)

        writeEntry(screen, "2026-03-01 14:30", "He broke the door and took my phone")
        val edited = session.journalEntry(entry.id)
        assertEquals(2u, edited.revisionCount)
        assertEquals(2, session.journalRevisions(entry.id).size)
        assertTrue(screen.texts().any { it.contains("He broke the door and took my phone") })
    }

    @Test
    fun `a time still to come is refused and nothing is stored`() {
        val screen = open(JournalEntryActivity::class.java).get()
        writeEntry(screen, LocalDateTime.now().plusDays(2).withNano(0).toString(), "text")
        assertTrue(session.journalBetween(Instant.EPOCH, Instant.now().plusSeconds(10 * 86400), false).isEmpty())
    }

    @Test
    fun `the date is chosen with the platform's date and time pickers`() {
        val screen = open(JournalEntryActivity::class.java).get()
        screen.root().clickTag(JournalEntryActivity.WHEN_TAG)
        val date = ShadowDialog.getLatestDialog() as DatePickerDialog
        date.updateDate(2026, 2, 1)
        date.getButton(DialogInterface.BUTTON_POSITIVE).performClick()
        ShadowLooper.idleMainLooper()
        val time = ShadowDialog.getLatestDialog() as TimePickerDialog
        time.updateTime(14, 30)
        time.getButton(DialogInterface.BUTTON_POSITIVE).performClick()
        ShadowLooper.idleMainLooper()
        assertEquals(LocalDateTime.of(2026, 3, 1, 14, 30), screen.whenField.value)
        screen.field(JournalEntryActivity.NARRATIVE_TAG).setText("He shouted at me")
        screen.click(JournalEntryActivity.SAVE_TAG)
        val entry = session.journalBetween(Instant.EPOCH, Instant.now(), false).single()
        assertEquals(LocalDateTime.of(2026, 3, 1, 14, 30), entry.occurredAt.atZone(java.time.ZoneId.of(entry.timeZone)).toLocalDateTime())
    }

    @Test
    fun `SOS never sends an empty message, without a code word it asks for help in her words`() {
        setUpVault()
        openVault()
        session.addContact(ContactDraft("A", "+77010000001", "friend", null, emptyList(), true))
        val screen = show(ContactsActivity::class.java).get()
        screen.root().clickTag(ContactsActivity.SOS_TAG)
        val sms = shadowOf(screen).nextStartedActivity
        assertEquals("Please call me. I need help.", sms.getStringExtra(PhoneIntents.EXTRA_SMS_BODY))
    }

    @Test
    fun `the journal shows its entries and an intact chain`() {
        setUpVault()
        openVault()
        session.addJournalEntry(draft("First"))
        session.addJournalEntry(draft("Second"))
        val journal = show(JournalActivity::class.java).get()
        val chain = journal.root().findViewWithTag<TextView>(JournalActivity.CHAIN_TAG)
        assertEquals("Record intact: no entry was altered or removed.", chain.text.toString())
        assertTrue(journal.texts().any { it.endsWith("— First") })
        assertTrue(journal.texts().any { it.endsWith("— Second") })
    }

    private fun draft(narrative: String) = EntryDraft(
        occurredAt = Instant.parse("2026-03-01T09:30:00Z"), timeZone = "Asia/Almaty", kinds = emptyList(),
        narrative = narrative, injuries = null, witnesses = null, place = null,
        policeInvolved = false, policeReference = null, medicalInvolved = false, medicalReference = null,
    )

    @Test
    fun `a file picked for an entry is stored in the vault as an attachment`() {
        setUpVault()
        openVault()
        val entry = session.addJournalEntry(draft("With a document"))
        val intent = Intent().putExtra(JournalEntryActivity.EXTRA_ENTRY_ID, entry.id)
        val controller = show(JournalEntryActivity::class.java, intent)
        val screen = controller.get()
        val picked = Uri.parse("content://com.example.docs/document/42")
        val bytes = ByteArray(2_000) { 3 }
        shadowOf(screen.contentResolver).registerInputStream(picked, ByteArrayInputStream(bytes))

        screen.buttonWithText("Attach a file").performClick()
        val request = shadowOf(screen).nextStartedActivityForResult
        assertEquals(Intent.ACTION_OPEN_DOCUMENT, request.intent.action)
        shadowOf(screen).receiveResult(request.intent, Activity.RESULT_OK, Intent().setData(picked))
        settle()

        val attachment = session.journalEntry(entry.id).attachments.single()
        assertEquals(bytes.size.toULong(), attachment.size)
        assertTrue(session.attachmentBytes(attachment.id).contentEquals(bytes))
    }

    @Test
    fun `export asks for the PIN and shares the report from memory`() {
        setUpVault()
        openVault()
        session.addJournalEntry(draft("For the lawyer"))
        val journal = show(JournalActivity::class.java).get()

        journal.field(JournalActivity.EXPORT_PIN_TAG).setText(WRONG_PIN)
        journal.click(JournalActivity.EXPORT_TAG)
        assertNull("a wrong PIN exports nothing", shadowOf(journal).nextStartedActivity)

        journal.field(JournalActivity.EXPORT_PIN_TAG).setText(PIN)
        journal.click(JournalActivity.EXPORT_TAG)
        val chooser = shadowOf(journal).nextStartedActivity
        assertEquals(Intent.ACTION_CHOOSER, chooser.action)
        @Suppress("DEPRECATION")
        val send = chooser.getParcelableExtra<Intent>(Intent.EXTRA_INTENT)!!
        @Suppress("DEPRECATION")
        val uri = send.getParcelableExtra<Uri>(Intent.EXTRA_STREAM)!!
        assertTrue(send.flags and Intent.FLAG_GRANT_READ_URI_PERMISSION != 0)

        val provider = Robolectric.setupContentProvider(ExportProvider::class.java, ExportProvider.authority(app))
        provider.query(uri, null, null, null, null).use { cursor ->
            assertTrue(cursor.moveToFirst())
            assertTrue(cursor.getLong(cursor.getColumnIndexOrThrow(OpenableColumns.SIZE)) > 0)
        }
        assertThrows(FileNotFoundException::class.java) { provider.openFile(uri, "w") }

        app.watcher.lockNow()
        assertThrows("the export is forgotten when the vault locks", FileNotFoundException::class.java) {
            provider.openFile(uri, "r")
        }
    }

    @Test
    fun `a protection order typed in is stored and shown with its standing`() {
        val screen = open(OrdersActivity::class.java).get()
        val today = LocalDate.now()
        screen.field(OrdersActivity.ISSUER_TAG).setText("Almaty police, Medeu district")
        screen.issuedField.value = today.atStartOfDay()
        screen.click(OrdersActivity.SAVE_TAG)
        val order = session.protectionOrders().single()
        assertEquals(today, order.issuedOn)
        assertNotNull("the core applied the kind's default expiry", order.expiresOn)
        val standing = screen.root().findViewWithTag<TextView>("standing-${order.id}")
        assertTrue(standing.text.toString().isNotBlank())
    }

    @Test
    fun `an order without an issue date is refused`() {
        val screen = open(OrdersActivity::class.java).get()
        screen.field(OrdersActivity.ISSUER_TAG).setText("Court")
        screen.click(OrdersActivity.SAVE_TAG)
        assertTrue(session.protectionOrders().isEmpty())
    }

    @Test
    fun `every kind and status has a label from the core`() {
        val screen = open(OrdersActivity::class.java).get()
        assertNotNull(screen)
        val locale = org.haven.core.model.HavenLocale.RU
        val kinds = org.haven.core.choices(org.haven.core.model.ChoiceList.ORDER_KINDS, locale).map { it.id }.toSet()
        val statuses = org.haven.core.choices(org.haven.core.model.ChoiceList.ORDER_STATUS, locale).map { it.id }.toSet()
        val incidents = org.haven.core.choices(org.haven.core.model.ChoiceList.INCIDENT_KINDS, locale).map { it.id }.toSet()
        val attachments = org.haven.core.choices(org.haven.core.model.ChoiceList.ATTACHMENT_KINDS, locale).map { it.id }.toSet()
        assertTrue(org.haven.core.model.OrderKind.entries.all { it.id() in kinds })
        assertTrue(org.haven.core.model.OrderStatus.entries.all { it.id() in statuses })
        assertTrue(IncidentKind.entries.all { it.id() in incidents })
        assertTrue(org.haven.core.model.AttachmentKind.entries.all { it.id() in attachments })
    }
}
