package org.haven.app.manifest

import org.haven.app.manifest.AndroidFiles.androidAttr
import org.haven.app.manifest.AndroidFiles.children
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File

/** The few platform resources: launcher labels in kk/ru/en, and every @string/@mipmap the manifest names exists. */
class ResourcesTest {
    private val res = File(AndroidFiles.mainDir, "res")

    private fun strings(dir: String): Map<String, String> =
        AndroidFiles.parse(File(res, "$dir/strings.xml")).documentElement.children("string")
            .associate { it.getAttribute("name") to it.textContent }

    @Test
    fun `launcher labels exist in every language`() {
        val en = strings("values")
        for (dir in listOf("values-kk", "values-ru")) {
            val other = strings(dir)
            assertEquals(dir, en.keys, other.keys)
            assertTrue(other.values.all { it.isNotBlank() })
        }
    }

    @Test
    fun `every resource the manifest names exists`() {
        val manifestText = File(AndroidFiles.mainDir, "AndroidManifest.xml").readText()
        val refs = Regex("@(string|mipmap|xml|drawable)/([a-z0-9_]+)").findAll(manifestText).map { it.groupValues[1] to it.groupValues[2] }.toSet()
        assertTrue(refs.isNotEmpty())
        val en = strings("values")
        for ((type, name) in refs) {
            val exists = when (type) {
                "string" -> name in en
                else -> res.listFiles()!!.filter { it.name.startsWith(type) }.any { File(it, "$name.xml").exists() }
            }
            assertTrue("@$type/$name missing", exists)
        }
        val manifest = AndroidFiles.parse(File(AndroidFiles.mainDir, "AndroidManifest.xml")).documentElement
        assertTrue(manifest.children("activity-alias").all { it.androidAttr("label")!!.startsWith("@string/") })
    }
}
