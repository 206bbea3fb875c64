package org.haven.app.vault

import android.app.Activity
import android.content.Intent
import android.view.View
import org.haven.app.text.UiText
import org.haven.app.ui.Views

/** The vault's first screen: one entry per section. */
class VaultHomeActivity : VaultActivity() {
    override val screenTitle = UiText.HOME_TITLE

    override fun content(): View {
        val column = Views.column(this)
        for ((text, screen) in SECTIONS) {
            column.addView(Views.matchWidth(Views.button(this, t(text)) { open(screen) }))
        }
        return column
    }

    private fun open(screen: Class<out Activity>) = startActivity(Intent(this, screen))

    companion object {
        val SECTIONS: List<Pair<UiText, Class<out Activity>>> = listOf(
            UiText.HOME_PLAN to PlanActivity::class.java,
            UiText.HOME_CONTACTS to ContactsActivity::class.java,
            UiText.HOME_JOURNAL to JournalActivity::class.java,
            UiText.HOME_ORDERS to OrdersActivity::class.java,
            UiText.HOME_DIRECTORY to DirectoryActivity::class.java,
            UiText.HOME_SETTINGS to SettingsActivity::class.java,
        )
    }
}
