package org.haven.app.manifest

import org.w3c.dom.Document
import org.w3c.dom.Element
import java.io.File
import javax.xml.parsers.DocumentBuilderFactory

/** The app's source files, found from the `haven.android.dir` property (set by the Maven build). */
object AndroidFiles {
    const val ANDROID_NS = "http://schemas.android.com/apk/res/android"

    val androidDir: File
        get() = File(System.getProperty("haven.android.dir") ?: error("haven.android.dir not set"))

    val mainDir: File get() = File(androidDir, "app/src/main")

    fun parse(file: File): Document = DocumentBuilderFactory.newInstance().apply {
        isNamespaceAware = true
        // No DTDs or external entities: these are our own files, but parse them safely anyway.
        setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)
    }.newDocumentBuilder().parse(file)

    fun Element.androidAttr(name: String): String? =
        getAttributeNS(ANDROID_NS, name).takeIf { hasAttributeNS(ANDROID_NS, name) }

    fun Element.children(tag: String): List<Element> {
        val nodes = getElementsByTagName(tag)
        return (0 until nodes.length).map { nodes.item(it) as Element }
    }
}
