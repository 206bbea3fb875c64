package org.haven.app.vault

/**
 * The id the core's content uses for an enum value (labels of incident kinds, order kinds and
 * statuses, attachment kinds, service types): its name in lower case, e.g.
 * `OrderKind.POLICE_PROTECTIVE_ORDER` → "police_protective_order". DataScreensTest checks that
 * every value has a label under that id.
 */
fun Enum<*>.id(): String = name.lowercase()
