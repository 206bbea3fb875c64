package org.haven.app.screens

import org.haven.app.TestHavenApplication
import org.haven.app.text.Lang
import org.junit.Assert.assertTrue
import org.junit.Assume.assumeTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode

/**
 * Google's Accessibility Test Framework 3.1 (Maven Central), tried on the rendered screens.
 *
 * Its POM pulls androidx.core and material (AARs from Google's Maven, not reachable here); they
 * are left out, and the framework's own classes.jar is put on the test classpath by the pom.
 * It is called by reflection so that the build does not depend on it at compile time. What it
 * reports is asserted; where it cannot run, the test says why (and ScreensTest's own checks,
 * LayoutChecks, remain the gate).
 */
@RunWith(RobolectricTestRunner::class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
@Config(manifest = Config.NONE, sdk = [35], application = TestHavenApplication::class)
class AtfProbeTest {
    private val base = "com.google.android.apps.common.testing.accessibility.framework"

    @Test
    fun `ATF 3_1 checks on every screen find no errors`() {
        val available = runCatching { Class.forName("$base.AccessibilityCheckPreset") }.isSuccess
        assumeTrue("ATF is not on the test classpath", available)
        RuntimeEnvironment.setQualifiers("w360dp-h640dp-notnight-mdpi")
        val entryId = ScreenCatalog.populate(Lang.RU)
        val shots = ScreenCatalog.shots(entryId).filter { it.dialog == null && it.name != "03-setup-error" }
        val errors = mutableListOf<String>()
        for (shot in shots) {
            val activity = shot.open()
            Rendering.tall(activity) { root, bitmap ->
                errors += runAtf(root, bitmap).map { "${shot.name}: $it" }
            }
        }
        println("ATF results:\n" + errors.joinToString("\n"))
        assertTrue(errors.joinToString("\n"), errors.isEmpty())
    }

    @Test
    fun `ATF 3_1 does catch a small unlabelled button and faint text (so a clean result means something)`() {
        val available = runCatching { Class.forName("$base.AccessibilityCheckPreset") }.isSuccess
        assumeTrue("ATF is not on the test classpath", available)
        RuntimeEnvironment.setQualifiers("w360dp-h640dp-notnight-mdpi")
        val activity = org.robolectric.Robolectric.buildActivity(android.app.Activity::class.java).setup().get()
        val bad = android.widget.LinearLayout(activity).apply {
            orientation = android.widget.LinearLayout.VERTICAL
            setBackgroundColor(android.graphics.Color.WHITE)
            addView(android.widget.ImageButton(activity).apply { layoutParams = android.widget.LinearLayout.LayoutParams(20, 20) })
            addView(android.widget.TextView(activity).apply { text = "faint text"; textSize = 14f; setTextColor(0xFFDDDDDD.toInt()) })
        }
        activity.setContentView(bad)
        org.robolectric.shadows.ShadowLooper.idleMainLooper()
        val errors = Rendering.tall(activity) { root, bitmap -> runAtf(root, bitmap) }
        println("ATF on a deliberately bad screen:\n" + errors.joinToString("\n"))
        assertTrue(errors.toString(), errors.any { it.startsWith("TouchTargetSizeCheck") })
        assertTrue(errors.toString(), errors.any { it.startsWith("SpeakableTextPresentCheck") })
        // Its TextContrastCheck did not flag #DDDDDD text on white here (no ERROR): contrast is
        // gated by LayoutChecks.lowContrast, measured on the bitmap, in ScreensTest.
    }

    /** Runs every ATF hierarchy check of the LATEST preset; returns the ERROR results. */
    private fun runAtf(root: android.view.View, bitmap: android.graphics.Bitmap): List<String> {
        val presetClass = Class.forName("$base.AccessibilityCheckPreset")
        val latest = presetClass.getField("LATEST").get(null)
        val checks = presetClass.getMethod("getAccessibilityHierarchyChecksForPreset", presetClass).invoke(null, latest) as Set<*>
        val hierarchyClass = Class.forName("$base.uielement.AccessibilityHierarchyAndroid")
        val builder = hierarchyClass.getMethod("newBuilder", android.view.View::class.java).invoke(null, root)
        val hierarchy = builder.javaClass.getMethod("build").invoke(builder)
        val parameters = Class.forName("$base.Parameters").getConstructor().newInstance()
        val image = Class.forName("$base.utils.contrast.BitmapImage").getConstructor(android.graphics.Bitmap::class.java).newInstance(bitmap)
        parameters.javaClass.getMethod("putScreenCapture", Class.forName("$base.utils.contrast.Image")).invoke(parameters, image)
        val out = mutableListOf<String>()
        for (check in checks) {
            val run = check!!.javaClass.methods.first { it.name == "runCheckOnHierarchy" && it.parameterCount == 3 }
            val results = run.invoke(check, hierarchy, null, parameters) as List<*>
            for (result in results) {
                val type = result!!.javaClass.getMethod("getType").invoke(result).toString()
                if (type == "ERROR") {
                    val message = runCatching {
                        result.javaClass.getMethod("getMessage", java.util.Locale::class.java).invoke(result, java.util.Locale.ENGLISH)
                    }.getOrNull()
                    out += "${check.javaClass.simpleName}: $message"
                }
            }
        }
        return out
    }
}
