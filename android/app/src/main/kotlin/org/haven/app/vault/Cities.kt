package org.haven.app.vault

import org.haven.core.model.GeoPoint

/**
 * Kazakhstan's regional centres and cities of republican significance, with the approximate
 * centre of each, for ordering the directory by distance WITHOUT asking for her location (no
 * location permission: a location request is a tell, and a location is a trace). The choice is
 * kept only while the vault is open ([org.haven.app.core.VaultGate.city]), never on disk outside
 * the vault.
 *
 * Names in kk/ru/en; the Cyrillic name is also what the directory's place filter matches (the
 * core folds scripts).
 */
enum class City(val en: String, val ru: String, val kk: String, val latitude: Double, val longitude: Double) {
    ASTANA("Astana", "Астана", "Астана", 51.169, 71.449),
    ALMATY("Almaty", "Алматы", "Алматы", 43.239, 76.890),
    SHYMKENT("Shymkent", "Шымкент", "Шымкент", 42.342, 69.590),
    AKTAU("Aktau", "Актау", "Ақтау", 43.650, 51.167),
    AKTOBE("Aktobe", "Актобе", "Ақтөбе", 50.284, 57.167),
    ATYRAU("Atyrau", "Атырау", "Атырау", 47.117, 51.883),
    KARAGANDA("Karaganda", "Караганда", "Қарағанды", 49.805, 73.109),
    KOKSHETAU("Kokshetau", "Кокшетау", "Көкшетау", 53.283, 69.383),
    KONAEV("Konaev", "Конаев", "Қонаев", 43.867, 77.067),
    KOSTANAY("Kostanay", "Костанай", "Қостанай", 53.220, 63.635),
    KYZYLORDA("Kyzylorda", "Кызылорда", "Қызылорда", 44.849, 65.482),
    ORAL("Oral", "Уральск", "Орал", 51.233, 51.367),
    OSKEMEN("Oskemen", "Усть-Каменогорск", "Өскемен", 49.948, 82.628),
    PAVLODAR("Pavlodar", "Павлодар", "Павлодар", 52.287, 76.967),
    PETROPAVL("Petropavl", "Петропавловск", "Петропавл", 54.867, 69.150),
    SEMEY("Semey", "Семей", "Семей", 50.411, 80.228),
    TALDYKORGAN("Taldykorgan", "Талдыкорган", "Талдықорған", 45.016, 78.374),
    TARAZ("Taraz", "Тараз", "Тараз", 42.900, 71.367),
    TURKISTAN("Turkistan", "Туркестан", "Түркістан", 43.297, 68.252),
    ZHEZKAZGAN("Zhezkazgan", "Жезказган", "Жезқазған", 47.783, 67.700),
    ;

    fun label(lang: org.haven.app.text.Lang): String = when (lang) {
        org.haven.app.text.Lang.KK -> kk
        org.haven.app.text.Lang.RU -> ru
        org.haven.app.text.Lang.EN -> en
    }

    val point: GeoPoint get() = GeoPoint(latitude, longitude)
}
