package org.haven.app.vault

import android.app.Activity
import android.content.Intent
import android.view.Gravity
import android.view.View
import org.haven.app.haven
import org.haven.app.text.UiText
import org.haven.app.ui.Theme
import org.haven.app.ui.Views

/**
 * The vault's first screen: the lines that help now (112, 102, 111, 150) one tap away, then one
 * entry per section. Back from here returns to the calculator, and locks the vault.
 */
class VaultHomeActivity : VaultActivity() {
    override val screenTitle = UiText.HOME_TITLE

    override fun content(): View {
        val column = Views.column(this, EmergencyLines.view(this, lang), Views.heading(this, t(UiText.HOME_SECTIONS)))
        for ((text, screen) in SECTIONS) {
            column.addView(
                Views.matchWidth(
                    Views.button(this, t(text), Views.Role.QUIET) { open(screen) }.apply {
                        gravity = Gravity.CENTER_VERTICAL or Gravity.START
                        minHeight = Views.dp(context, Theme.Space.EXIT_HEIGHT)
                        tag = sectionTag(screen)
                    },
                ),
            )
        }
        return column
    }

    private fun open(screen: Class<out Activity>) = startActivity(Intent(this, screen))

    override fun onCreate(savedInstanceState: android.os.Bundle?) {
        super.onCreate(savedInstanceState)
        // Android 13+ (and always from target SDK 36, where onBackPressed is no longer called).
        if (android.os.Build.VERSION.SDK_INT >= android.os.Build.VERSION_CODES.TIRAMISU) {
            onBackInvokedDispatcher.registerOnBackInvokedCallback(android.window.OnBackInvokedDispatcher.PRIORITY_DEFAULT) {
                backToCalculator()
            }
        }
    }

    /** Back to the calculator closes the vault: the calculator must never sit over an open one. */
    fun backToCalculator() {
        haven.watcher.lockNow()
        finish()
    }

    @Deprecated("Deprecated in Java")
    @Suppress("DEPRECATION")
    override fun onBackPressed() = backToCalculator()

    companion object {
        fun sectionTag(screen: Class<out Activity>) = "section-${screen.simpleName}"

        val SECTIONS: List<Pair<UiText, Class<out Activity>>> = listOf(
            UiText.HOME_RIGHTS to RightsActivity::class.java,
            UiText.HOME_DIRECTORY to DirectoryActivity::class.java,
            UiText.HOME_PLAN to PlanActivity::class.java,
            UiText.HOME_CONTACTS to ContactsActivity::class.java,
            UiText.HOME_JOURNAL to JournalActivity::class.java,
            UiText.HOME_DANGER to DangerSignsActivity::class.java,
            UiText.HOME_ORDERS to OrdersActivity::class.java,
            UiText.HOME_BACKUP to org.haven.app.backup.BackupActivity::class.java,
            UiText.HOME_SETTINGS to SettingsActivity::class.java,
        )
    }
}
