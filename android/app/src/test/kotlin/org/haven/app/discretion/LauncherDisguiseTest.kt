package org.haven.app.discretion

import android.content.ComponentName
import android.content.pm.PackageManager
import org.junit.Assert.assertEquals
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config

@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35])
class LauncherDisguiseTest {
    private val context = RuntimeEnvironment.getApplication()
    private val disguise = LauncherDisguise(context)

    private fun enabledVariants() = LauncherDisguise.Variant.entries.filter { disguise.isEnabled(it) }

    @Test
    fun `the default alias is the one enabled at install`() {
        assertEquals(listOf(LauncherDisguise.Variant.DEFAULT), enabledVariants())
        assertEquals(LauncherDisguise.Variant.DEFAULT, disguise.current())
    }

    @Test
    fun `switching enables exactly one alias, whatever the order`() {
        val order = listOf(
            LauncherDisguise.Variant.GRAPHITE,
            LauncherDisguise.Variant.ORANGE,
            LauncherDisguise.Variant.ORANGE,
            LauncherDisguise.Variant.BLUE,
            LauncherDisguise.Variant.GRAPHITE,
        )
        for (variant in order) {
            disguise.switchTo(variant)
            assertEquals(listOf(variant), enabledVariants())
            assertEquals(variant, disguise.current())
        }
    }

    @Test
    fun `switching writes explicit states to the package manager, without killing the app`() {
        disguise.switchTo(LauncherDisguise.Variant.ORANGE)
        val pm = context.packageManager
        val states = LauncherDisguise.Variant.entries.associateWith {
            pm.getComponentEnabledSetting(ComponentName(context.packageName, it.aliasName))
        }
        assertEquals(
            mapOf(
                LauncherDisguise.Variant.BLUE to PackageManager.COMPONENT_ENABLED_STATE_DISABLED,
                LauncherDisguise.Variant.GRAPHITE to PackageManager.COMPONENT_ENABLED_STATE_DISABLED,
                LauncherDisguise.Variant.ORANGE to PackageManager.COMPONENT_ENABLED_STATE_ENABLED,
            ),
            states,
        )
    }
}
