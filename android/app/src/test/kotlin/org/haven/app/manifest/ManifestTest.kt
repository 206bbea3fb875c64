package org.haven.app.manifest

import org.haven.app.discretion.LauncherDisguise
import org.haven.app.manifest.AndroidFiles.androidAttr
import org.haven.app.manifest.AndroidFiles.children
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.w3c.dom.Element
import java.io.File

/** Reads app/src/main/AndroidManifest.xml and the backup rules it points to. */
class ManifestTest {
    private val manifest = AndroidFiles.parse(File(AndroidFiles.mainDir, "AndroidManifest.xml")).documentElement
    private val application = manifest.children("application").single()
    private val namespace = "org.haven.app"

    private fun Element.className(): String {
        val name = androidAttr("name")!!
        return if (name.startsWith(".")) namespace + name else name
    }

    private fun components(): List<Element> =
        listOf("activity", "activity-alias", "service", "receiver", "provider").flatMap { application.children(it) }

    @Test
    fun `no permissions at all`() {
        for (tag in listOf("uses-permission", "uses-permission-sdk-23", "permission")) {
            assertEquals("<$tag> in the manifest", 0, manifest.getElementsByTagName(tag).length)
        }
    }

    @Test
    fun `backups are off and every domain is excluded from cloud backup and device transfer`() {
        assertEquals("false", application.androidAttr("allowBackup"))
        assertEquals("@xml/data_extraction_rules", application.androidAttr("dataExtractionRules"))
        assertEquals("@xml/backup_rules", application.androidAttr("fullBackupContent"))

        val rules = AndroidFiles.parse(File(AndroidFiles.mainDir, "res/xml/data_extraction_rules.xml")).documentElement
        val domains = listOf(
            "root", "file", "database", "sharedpref", "external",
            "device_root", "device_file", "device_database", "device_sharedpref",
        )
        for (section in listOf("cloud-backup", "device-transfer")) {
            val element = rules.children(section).single()
            assertTrue("$section must not include anything", element.children("include").isEmpty())
            val excluded = element.children("exclude").filter { it.getAttribute("path") == "." }.map { it.getAttribute("domain") }
            assertEquals("$section excludes", domains.toSet(), excluded.toSet())
        }

        val legacy = AndroidFiles.parse(File(AndroidFiles.mainDir, "res/xml/backup_rules.xml")).documentElement
        assertTrue(legacy.children("include").isEmpty())
        assertEquals(
            setOf("root", "file", "database", "sharedpref", "external"),
            legacy.children("exclude").map { it.getAttribute("domain") }.toSet(),
        )
    }

    @Test
    fun `only the launcher aliases and the panic responder are exported`() {
        val exported = components().filter { it.androidAttr("exported") == "true" }.map { it.className() }.toSet()
        val expected = LauncherDisguise.Variant.entries.map { it.aliasName }.toSet() +
            "org.haven.app.panic.PanicResponderActivity"
        assertEquals(expected, exported)
    }

    @Test
    fun `every component states exported explicitly, and none but the exported ones has an intent filter`() {
        for (component in components()) {
            assertNotNull("${component.className()} must say android:exported", component.androidAttr("exported"))
            if (component.androidAttr("exported") == "false") {
                assertTrue(
                    "${component.className()} is not exported but has an intent filter",
                    component.children("intent-filter").isEmpty(),
                )
            }
        }
    }

    @Test
    fun `the launcher aliases match the disguise variants, with exactly one enabled by default`() {
        val aliases = application.children("activity-alias")
        assertEquals(LauncherDisguise.Variant.entries.map { it.aliasName }, aliases.map { it.className() })
        val enabled = aliases.filter { it.androidAttr("enabled") != "false" }.map { it.className() }
        assertEquals(listOf(LauncherDisguise.Variant.DEFAULT.aliasName), enabled)
        for (alias in aliases) {
            assertEquals("org.haven.app.calculator.CalculatorActivity", namespace + alias.androidAttr("targetActivity"))
            val filter = alias.children("intent-filter").single()
            assertEquals("android.intent.action.MAIN", filter.children("action").single().androidAttr("name"))
            assertEquals("android.intent.category.LAUNCHER", filter.children("category").single().androidAttr("name"))
        }
    }

    @Test
    fun `no other component is a launcher entry`() {
        val launchers = components().filter { component ->
            component.children("category").any { it.androidAttr("name") == "android.intent.category.LAUNCHER" }
        }
        assertTrue(launchers.all { it.tagName == "activity-alias" })
    }

    @Test
    fun `the panic responder is invisible and takes only PanicKit actions`() {
        val panic = application.children("activity").single { it.className() == "org.haven.app.panic.PanicResponderActivity" }
        assertEquals("@android:style/Theme.NoDisplay", panic.androidAttr("theme"))
        assertEquals("true", panic.androidAttr("excludeFromRecents"))
        val actions = panic.children("action").map { it.androidAttr("name") }.toSet()
        assertEquals(
            setOf(
                "info.guardianproject.panic.action.TRIGGER",
                "info.guardianproject.panic.action.CONNECT",
                "info.guardianproject.panic.action.DISCONNECT",
            ),
            actions,
        )
    }

    @Test
    fun `providers, if any, are private`() {
        for (provider in application.children("provider")) {
            assertEquals("false", provider.androidAttr("exported"))
        }
    }

    @Test
    fun `no services and no manifest receivers (so no boot or network hooks)`() {
        assertTrue(application.children("service").isEmpty())
        assertTrue(application.children("receiver").isEmpty())
    }

    @Test
    fun `every declared component exists with the right base class`() {
        val expectedBase = mapOf(
            "activity" to android.app.Activity::class.java,
            "provider" to android.content.ContentProvider::class.java,
        )
        for ((tag, base) in expectedBase) {
            for (component in application.children(tag)) {
                val type = Class.forName(component.className(), false, javaClass.classLoader)
                assertTrue("${component.className()} is not a ${base.simpleName}", base.isAssignableFrom(type))
            }
        }
        val app = Class.forName(application.className(), false, javaClass.classLoader)
        assertTrue(android.app.Application::class.java.isAssignableFrom(app))
    }

    @Test
    fun `every vault screen is declared`() {
        val declared = application.children("activity").map { it.className() }.toSet()
        val screens = org.haven.app.vault.VaultHomeActivity.SECTIONS.map { it.second.name }
        assertTrue(declared.containsAll(screens + "org.haven.app.vault.VaultHomeActivity"))
    }
}
