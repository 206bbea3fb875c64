package org.haven.app.text

import java.util.Locale

/** The app's three languages. The vault remembers hers; it need not be the phone's language. */
enum class Lang(val tag: String) {
    KK("kk"), RU("ru"), EN("en");

    companion object {
        /** Before the vault exists: the phone's language if it is one of ours, else Russian. */
        fun fromSystem(locale: Locale = Locale.getDefault()): Lang =
            entries.firstOrNull { it.tag == locale.language } ?: RU

        fun fromTag(tag: String): Lang? = entries.firstOrNull { it.tag == tag }
    }
}

/**
 * Every piece of UI chrome, in Kazakh, Russian and English.
 *
 * Why a Kotlin table and not `res/values-xx/strings.xml`: the language is hers to choose inside the
 * vault, independent of the phone's language (switching the phone's language to read one app is
 * conspicuous); an enum makes a missing translation a compile error; and the code needs no
 * generated `R` class, so it compiles and is tested on machines without the Android SDK. Platform
 * resources hold only the launcher labels, which the manifest needs and which should follow the
 * phone's language like any calculator's. The content (safety plan, rights, labels of kinds and
 * services) comes from the core, already localized.
 *
 * Kazakh and Russian drafts need review by native speakers working in the field.
 */
enum class UiText(val en: String, val ru: String, val kk: String) {
    // Common
    EXIT("Exit", "Выйти", "Шығу"),
    BACK("Back", "Назад", "Артқа"),
    SAVE("Save", "Сохранить", "Сақтау"),
    CANCEL("Cancel", "Отмена", "Болдырмау"),
    ADD("Add", "Добавить", "Қосу"),
    DELETE("Delete", "Удалить", "Жою"),
    YES("Yes", "Да", "Иә"),
    NO("No", "Нет", "Жоқ"),
    ERROR_GENERIC("Something went wrong. Nothing was lost.", "Что-то пошло не так. Ничего не потеряно.", "Бірдеңе дұрыс болмады. Ештеңе жоғалған жоқ."),
    WORKING("Please wait…", "Подождите…", "Күте тұрыңыз…"),

    // Calculator keys, as a screen reader says them
    KEY_CLEAR("clear", "очистить", "тазалау"),
    KEY_BACKSPACE("delete last digit", "стереть последнюю цифру", "соңғы цифрды өшіру"),
    KEY_PERCENT("percent", "процент", "пайыз"),
    KEY_DIVIDE("divided by", "разделить на", "бөлу"),
    KEY_MULTIPLY("times", "умножить на", "көбейту"),
    KEY_SUBTRACT("minus", "минус", "алу"),
    KEY_ADD("plus", "плюс", "қосу"),
    KEY_SIGN("plus or minus", "плюс или минус", "плюс немесе минус"),
    KEY_POINT("point", "запятая", "үтір"),
    KEY_EQUALS("equals", "равно", "тең"),

    // Setup
    SETUP_TITLE("Set up your private space", "Настройка личного пространства", "Жеке кеңістікті баптау"),
    SETUP_LANGUAGE("Language", "Язык", "Тіл"),
    SETUP_PIN("PIN (6 to 12 digits)", "PIN-код (от 6 до 12 цифр)", "PIN-код (6–12 сан)"),
    SETUP_PIN_REPEAT("Repeat the PIN", "Повторите PIN-код", "PIN-кодты қайталаңыз"),
    SETUP_PIN_HOW(
        "To open this space later: type the PIN in the calculator, then press =.",
        "Чтобы открыть это пространство: наберите PIN-код на калькуляторе и нажмите =.",
        "Бұл кеңістікті ашу үшін: калькуляторда PIN-кодты теріп, = басыңыз.",
    ),
    SETUP_PIN_MISMATCH("The two PINs differ.", "PIN-коды не совпадают.", "PIN-кодтар сәйкес емес."),
    SETUP_PIN_INVALID("Use 6 to 12 digits.", "Используйте от 6 до 12 цифр.", "6–12 сан қолданыңыз."),
    SETUP_DURESS_TITLE("Second PIN (optional)", "Второй PIN-код (необязательно)", "Екінші PIN-код (міндетті емес)"),
    SETUP_DURESS_EXPLAIN(
        "If someone forces you to open the app, type this second PIN instead.",
        "Если вас заставят открыть приложение, наберите вместо основного этот второй PIN-код.",
        "Егер біреу қосымшаны ашуға мәжбүрлесе, оның орнына осы екінші PIN-кодты теріңіз.",
    ),
    DURESS_NOTHING("It shows only the calculator's result", "Показывается только результат вычисления", "Тек калькулятордың нәтижесі көрсетіледі"),
    DURESS_DECOY("It opens a harmless space with general information", "Открывается безобидное пространство с общей информацией", "Жалпы ақпараты бар зиянсыз кеңістік ашылады"),
    DURESS_SHRED(
        "Also erase my real space, silently",
        "Также незаметно удалить моё настоящее пространство",
        "Сондай-ақ нағыз кеңістігімді білдіртпей өшіру",
    ),
    SETUP_DISGUISE("Icon in the app list", "Значок в списке приложений", "Қосымшалар тізіміндегі белгіше"),
    DISGUISE_BLUE("Calculator (blue)", "Калькулятор (синий)", "Калькулятор (көк)"),
    DISGUISE_GRAPHITE("Calc (grey)", "Калк (серый)", "Калк (сұр)"),
    DISGUISE_ORANGE("Calculator (orange)", "Калькулятор (оранжевый)", "Калькулятор (қызғылт сары)"),
    SETUP_LIMITS_TITLE("What this disguise can and cannot hide", "Что маскировка может и не может скрыть", "Бүркеме нені жасыра алады, нені жасыра алмайды"),
    SETUP_LIMITS(
        "• The app looks and works like a calculator, but Android always shows its icon in the app list.\n" +
            "• The real name of the app shows in the phone's Settings → Apps.\n" +
            "• Calls and text messages you make from here stay in the phone's call log and messages: delete them there if needed.\n" +
            "• If the phone has spyware or someone has full control of it, no app can protect what is on the screen.\n" +
            "• If you forget the PIN, nobody can open this space — not even us.\n" +
            "• If the phone's screen lock is removed or the phone is reset, this space can no longer be opened and the calculator will only calculate, saying nothing. Make a backup copy (My space → Backup copy) to keep your journal; to start again, reinstall the app.\n" +
            "• After everything is erased, the app stays a plain calculator. To set it up again: type 6 to 12 digits, then press and hold =.",
        "• Приложение выглядит и работает как калькулятор, но Android всегда показывает его значок в списке приложений.\n" +
            "• Настоящее название приложения видно в Настройках телефона → Приложения.\n" +
            "• Звонки и SMS, сделанные отсюда, остаются в журнале звонков и в сообщениях телефона: при необходимости удалите их там.\n" +
            "• Если на телефоне есть шпионская программа или кто-то полностью им управляет, никакое приложение не защитит то, что на экране.\n" +
            "• Если вы забудете PIN-код, никто не сможет открыть это пространство — даже мы.\n" +
            "• Если убрать блокировку экрана или сбросить телефон, это пространство больше не откроется, а калькулятор будет только считать и ничего не скажет. Сделайте резервную копию (Моё пространство → Резервная копия), чтобы сохранить журнал; чтобы начать заново, переустановите приложение.\n" +
            "• После удаления всего приложение остаётся обычным калькулятором. Чтобы настроить его снова: наберите от 6 до 12 цифр, затем нажмите и удерживайте =.",
        "• Қосымша калькулятор сияқты көрінеді және жұмыс істейді, бірақ Android оның белгішесін қосымшалар тізімінде әрқашан көрсетеді.\n" +
            "• Қосымшаның шын атауы телефонның Баптаулар → Қосымшалар бөлімінде көрінеді.\n" +
            "• Осы жерден жасалған қоңыраулар мен SMS телефонның қоңыраулар журналында және хабарламаларында қалады: қажет болса, оларды сол жерден өшіріңіз.\n" +
            "• Телефонда тыңшы бағдарлама болса немесе оны біреу толық басқарса, ешбір қосымша экрандағыны қорғай алмайды.\n" +
            "• PIN-кодты ұмытсаңыз, бұл кеңістікті ешкім аша алмайды — тіпті біз де.\n" +
            "• Экран құлпын алып тастасаңыз немесе телефонды қалпына келтірсеңіз, бұл кеңістік енді ашылмайды, ал калькулятор тек есептейді, ештеңе айтпайды. Журналды сақтау үшін сақтық көшірме жасаңыз (Менің кеңістігім → Сақтық көшірме); қайта бастау үшін қосымшаны қайта орнатыңыз.\n" +
            "• Бәрі өшірілгеннен кейін қосымша қарапайым калькулятор болып қалады. Қайта баптау үшін: 6–12 сан теріп, = түймесін басып тұрыңыз.",
    ),
    SETUP_NO_LOCK_SCREEN(
        "This phone has no screen lock. Your space is still encrypted, but it is safer with a screen lock (Settings → Security).",
        "На телефоне не установлена блокировка экрана. Пространство всё равно зашифровано, но с блокировкой экрана безопаснее (Настройки → Безопасность).",
        "Телефонда экран құлпы орнатылмаған. Кеңістік бәрібір шифрланған, бірақ экран құлпымен қауіпсізірек (Баптаулар → Қауіпсіздік).",
    ),
    SETUP_CREATE("Create", "Создать", "Жасау"),

    // Vault home
    HOME_TITLE("My space", "Моё пространство", "Менің кеңістігім"),
    HOME_PLAN("Safety plan", "План безопасности", "Қауіпсіздік жоспары"),
    HOME_CONTACTS("Trusted contacts", "Доверенные контакты", "Сенімді байланыстар"),
    HOME_JOURNAL("Incident journal", "Журнал происшествий", "Оқиғалар журналы"),
    HOME_ORDERS("Protection orders", "Защитные предписания", "Қорғау нұсқамалары"),
    HOME_DIRECTORY("Help near you", "Помощь рядом", "Жақын маңдағы көмек"),
    HOME_SETTINGS("Settings", "Настройки", "Баптаулар"),
    HOME_SECTIONS("Your space", "Ваше пространство", "Сіздің кеңістігіңіз"),


    // Lines that help now
    LINES_TITLE("Call for help now", "Позвонить за помощью сейчас", "Қазір көмекке қоңырау шалу"),
    LINE_112("Emergency", "Экстренная служба", "Шұғыл қызмет"),
    LINE_102("Police", "Полиция", "Полиция"),
    LINE_111("Family and women, 24/7", "Защита семьи и женщин, 24/7", "Отбасы мен әйелдер, 24/7"),
    LINE_150("Children and youth", "Дети и молодёжь", "Балалар мен жастар"),

    // Rights and danger signs
    HOME_RIGHTS("Your rights", "Ваши права", "Сіздің құқықтарыңыз"),
    HOME_DANGER("Danger signs", "Признаки опасности", "Қауіп белгілері"),
    RIGHTS_INTRO(
        "What the law in Kazakhstan says, in plain words. Each part names where it comes from and when we last checked it.",
        "Что говорит закон Казахстана, простыми словами. У каждой части указано, откуда она и когда мы её проверили.",
        "Қазақстан заңы не дейді — қарапайым тілмен. Әр бөлімде оның қайдан алынғаны және соңғы рет қашан тексерілгені көрсетілген.",
    ),
    SOURCE_LINE("Source: %s", "Источник: %s", "Дереккөз: %s"),
    CHECKED_ON("Checked on %s", "Проверено %s", "Тексерілген күні: %s"),
    DANGER_TICK_NOTE(
        "Tick what is true for you. Only you see this; there is no score.",
        "Отметьте то, что правда для вас. Это видите только вы; никаких баллов.",
        "Өзіңізге қатысты белгілерді белгілеңіз. Мұны тек сіз көресіз; ешқандай ұпай жоқ.",
    ),
    DANGER_WHY("Why it matters", "Почему это важно", "Бұл неге маңызды"),
    DANGER_NEXT("What you can do", "Что можно сделать", "Не істеуге болады"),

    // Backup and restore
    HOME_BACKUP("Backup copy", "Резервная копия", "Сақтық көшірме"),
    BACKUP_TITLE("Backup copy", "Резервная копия", "Сақтық көшірме"),
    BACKUP_MAKE("Make a backup", "Сделать резервную копию", "Сақтық көшірме жасау"),
    BACKUP_EXPLAIN(
        "Saves your journal and its files, locked with a passphrase, to a file you choose. Keep it somewhere other than this phone: if the phone is lost or reset, the file and the passphrase bring your journal back.",
        "Сохраняет журнал и его файлы, защищённые кодовой фразой, в файл, который вы выберете. Храните его не только на этом телефоне: если телефон потеряется или будет сброшен, файл и кодовая фраза вернут ваш журнал.",
        "Журналды және оның файлдарын кодтық фразамен қорғап, өзіңіз таңдаған файлға сақтайды. Оны тек осы телефонда емес, басқа жерде сақтаңыз: телефон жоғалса немесе қалпына келтірілсе, файл мен кодтық фраза журналыңызды қайтарады.",
    ),
    BACKUP_PASSPHRASE("Passphrase (at least 12 characters)", "Кодовая фраза (не меньше 12 символов)", "Кодтық фраза (кемінде 12 таңба)"),
    BACKUP_PASSPHRASE_ADVICE(
        "Use four or more ordinary words that do not belong together, like \"river lamp cotton uncle\". Not your name, birthday or a saying. Anyone with the file and the passphrase can read the journal; without the passphrase nobody can, not even you.",
        "Возьмите четыре или больше обычных слов, не связанных между собой, например «река лампа хлопок дядя». Не имя, не дата рождения и не поговорка. Любой, у кого есть файл и фраза, сможет прочитать журнал; без фразы — никто, даже вы.",
        "Бір-бірімен байланыссыз төрт немесе одан көп қарапайым сөз алыңыз, мысалы «өзен шам мақта аға». Атыңыз, туған күніңіз немесе мақал емес. Файл мен фразасы бар кез келген адам журналды оқи алады; фразасыз ешкім, тіпті сіз де оқи алмайсыз.",
    ),
    BACKUP_STRENGTH_TOO_SHORT("Too short: at least 12 characters.", "Слишком коротко: не меньше 12 символов.", "Тым қысқа: кемінде 12 таңба."),
    BACKUP_STRENGTH_WEAK("Easy to guess: use different words.", "Легко угадать: возьмите разные слова.", "Оңай табылады: әртүрлі сөздер алыңыз."),
    BACKUP_STRENGTH_OK("Acceptable. Longer is stronger: add a word.", "Приемлемо. Чем длиннее, тем надёжнее: добавьте слово.", "Жарамды. Ұзынырақ болса, берігірек: тағы бір сөз қосыңыз."),
    BACKUP_STRENGTH_STRONG("Strong. Write it down and keep it apart from the file.", "Надёжно. Запишите её и храните отдельно от файла.", "Берік. Оны жазып алып, файлдан бөлек сақтаңыз."),
    BACKUP_PIN("Your PIN, to confirm", "Ваш PIN-код для подтверждения", "Растау үшін PIN-кодыңыз"),
    BACKUP_SAVE("Choose where to save…", "Выбрать, куда сохранить…", "Қайда сақтауды таңдау…"),
    BACKUP_DONE("Backup saved.", "Резервная копия сохранена.", "Сақтық көшірме сақталды."),
    BACKUP_FAILED("The backup could not be written; nothing was saved.", "Не удалось записать копию; ничего не сохранено.", "Көшірмені жазу мүмкін болмады; ештеңе сақталмады."),
    BACKUP_RESTORE("Restore from a backup", "Восстановить из резервной копии", "Сақтық көшірмеден қалпына келтіру"),
    BACKUP_RESTORE_EXPLAIN(
        "Brings back a journal from a backup file. It works only while this journal is still empty.",
        "Возвращает журнал из файла резервной копии. Работает, только пока этот журнал пуст.",
        "Журналды сақтық көшірме файлынан қайтарады. Бұл журнал әлі бос болғанда ғана жұмыс істейді.",
    ),
    BACKUP_RESTORE_PICK("Choose the backup file…", "Выбрать файл копии…", "Көшірме файлын таңдау…"),
    BACKUP_RESTORED("Entries restored: %d.", "Восстановлено записей: %d.", "Қалпына келтірілген жазбалар: %d."),
    BACKUP_WRONG_PASSPHRASE("Wrong passphrase, or the file is damaged. Nothing was changed.", "Неверная кодовая фраза или файл повреждён. Ничего не изменено.", "Кодтық фраза қате немесе файл бүлінген. Ештеңе өзгерген жоқ."),
    BACKUP_DAMAGED("This file is damaged or was altered. Nothing was changed.", "Файл повреждён или изменён. Ничего не изменено.", "Файл бүлінген немесе өзгертілген. Ештеңе өзгерген жоқ."),
    BACKUP_NOT_A_BACKUP("This file is not a backup from this app. Nothing was changed.", "Этот файл — не резервная копия этого приложения. Ничего не изменено.", "Бұл файл осы қосымшаның сақтық көшірмесі емес. Ештеңе өзгерген жоқ."),
    BACKUP_NOT_EMPTY("Your journal already has entries: a backup can only be restored into an empty journal. Nothing was changed.", "В журнале уже есть записи: копию можно восстановить только в пустой журнал. Ничего не изменено.", "Журналда жазбалар бар: көшірмені тек бос журналға қалпына келтіруге болады. Ештеңе өзгерген жоқ."),
    BACKUP_RESTORE_FAILED("The backup could not be read. Nothing was changed.", "Не удалось прочитать копию. Ничего не изменено.", "Көшірмені оқу мүмкін болмады. Ештеңе өзгерген жоқ."),
    SETUP_RESTORE("I have a backup to restore (after choosing the PIN)", "У меня есть резервная копия (восстановить после выбора PIN-кода)", "Менде сақтық көшірме бар (PIN-кодты таңдағаннан кейін қалпына келтіру)"),

    // Viewing attachments
    VIEWER_TITLE("Attachment", "Вложение", "Тіркеме"),
    VIEWER_OPEN("Open", "Открыть", "Ашу"),
    VIEWER_PHOTO("Photo", "Фото", "Сурет"),
    VIEWER_PLAY("Play", "Воспроизвести", "Ойнату"),
    VIEWER_PAUSE("Pause", "Пауза", "Кідірту"),
    VIEWER_PAGE("Page %d of %d", "Страница %d из %d", "%d-бет, барлығы %d"),
    VIEWER_PREVIOUS("Previous page", "Предыдущая страница", "Алдыңғы бет"),
    VIEWER_NEXT("Next page", "Следующая страница", "Келесі бет"),
    VIEWER_CANNOT_SHOW("This file cannot be shown here. It is kept safely in your journal.", "Этот файл нельзя показать здесь. Он надёжно хранится в журнале.", "Бұл файлды мұнда көрсету мүмкін емес. Ол журналда қауіпсіз сақтаулы."),
    VIEWER_PDF_NEEDS_11(
        "PDF files can be shown only on Android 11 or newer (older versions would need a copy on disk). It is kept safely in your journal.",
        "PDF-файлы можно показать только на Android 11 и новее (на старых версиях нужна копия на диске). Файл надёжно хранится в журнале.",
        "PDF файлдарын тек Android 11 және жаңасында көрсетуге болады (ескі нұсқаларда дискіге көшірме керек). Файл журналда қауіпсіз сақтаулы.",
    ),

    // Installing a region's directory
    PACK_ADD("Add a directory from a file…", "Добавить справочник из файла…", "Анықтамалықты файлдан қосу…"),
    PACK_ABOUT("Directory %s, version %d, made on %s", "Справочник %s, версия %d, от %s", "%s анықтамалығы, %d-нұсқа, жасалған күні: %s"),
    PACK_INSTALLED("Directory installed: %d services.", "Справочник установлен: услуг — %d.", "Анықтамалық орнатылды: %d қызмет."),
    PACK_NOT_GENUINE(
        "This file is not a genuine directory: its signature does not match. Your current directory is kept.",
        "Этот файл — не подлинный справочник: подпись не совпадает. Текущий справочник сохранён.",
        "Бұл файл түпнұсқа анықтамалық емес: қолтаңбасы сәйкес келмейді. Қазіргі анықтамалық сақталды.",
    ),
    PACK_OTHER_REGION("This directory is for another country. Your current directory is kept.", "Этот справочник — для другой страны. Текущий справочник сохранён.", "Бұл анықтамалық басқа елге арналған. Қазіргі анықтамалық сақталды."),
    PACK_OLDER("This directory is not newer than the one you have. Your current directory is kept.", "Этот справочник не новее вашего. Текущий справочник сохранён.", "Бұл анықтамалық сіздегіден жаңа емес. Қазіргі анықтамалық сақталды."),
    PACK_NEEDS_UPDATE("This directory needs a newer version of the app. Your current directory is kept.", "Для этого справочника нужна более новая версия приложения. Текущий справочник сохранён.", "Бұл анықтамалыққа қосымшаның жаңарақ нұсқасы керек. Қазіргі анықтамалық сақталды."),
    PACK_DAMAGED("This file is not a directory, or it is damaged. Your current directory is kept.", "Этот файл — не справочник или он повреждён. Текущий справочник сохранён.", "Бұл файл анықтамалық емес немесе бүлінген. Қазіргі анықтамалық сақталды."),
    PACK_FAILED("The directory could not be installed. Your current directory is kept.", "Не удалось установить справочник. Текущий справочник сохранён.", "Анықтамалықты орнату мүмкін болмады. Қазіргі анықтамалық сақталды."),

    // The notes space (plain notes app: no Haven words)
    NOTES_TITLE("Notes", "Заметки", "Жазбалар"),
    NOTES_NEW("Write a note", "Новая заметка", "Жаңа жазба"),
    NOTES_EDIT("Edit", "Изменить", "Өзгерту"),
    SETTINGS_DECOY_NOTES("Notes he would see", "Заметки, которые он увидит", "Ол көретін жазбалар"),
    SETTINGS_DECOY_NOTES_EXPLAIN(
        "The second PIN opens a plain notes app. Fill it with ordinary notes so that it looks used.",
        "Второй PIN-код открывает обычные заметки. Заполните их обычными записями, чтобы они выглядели настоящими.",
        "Екінші PIN-код қарапайым жазбаларды ашады. Олар шынайы көрінуі үшін қарапайым жазбалармен толтырыңыз.",
    ),
    SETTINGS_DECOY_NOTES_OPEN("Edit those notes", "Изменить эти заметки", "Бұл жазбаларды өзгерту"),
    SETUP_PIN_WEAK("Too easy to guess: avoid repeats, runs like 123456 and dates.", "Слишком легко угадать: избегайте повторов, последовательностей вроде 123456 и дат.", "Тым оңай табылады: қайталауды, 123456 сияқты қатарларды және күндерді қолданбаңыз."),

    // Contacts
    CONTACT_NAME("Name", "Имя", "Аты"),
    CONTACT_PHONE("Phone", "Телефон", "Телефон"),
    CONTACT_RELATION("Who they are", "Кем приходится", "Кім болып келеді"),
    CONTACT_CODE_WORD("Code word", "Кодовое слово", "Кодтық сөз"),
    CONTACT_EMERGENCY("Emergency contact (gets the SOS message)", "Экстренный контакт (получит SOS-сообщение)", "Шұғыл байланыс (SOS хабарламасын алады)"),
    CONTACT_CALL("Call", "Позвонить", "Қоңырау шалу"),
    CONTACT_SMS("Message", "Написать", "Хабарлама жазу"),
    CONTACT_TRACE_WARNING(
        "Calls and messages go through the phone's own apps and stay in its call log and messages.",
        "Звонки и сообщения идут через приложения телефона и остаются в журнале звонков и в сообщениях.",
        "Қоңыраулар мен хабарламалар телефонның өз қосымшалары арқылы өтеді және қоңыраулар журналында, хабарламаларда қалады.",
    ),
    SOS("SOS: message my emergency contacts", "SOS: написать экстренным контактам", "SOS: шұғыл байланыстарыма жазу"),
    SOS_EXPLAIN(
        "Opens your messages app with your code word to every emergency contact. Nothing is sent until you press send there.",
        "Откроет приложение сообщений с вашим кодовым словом для всех экстренных контактов. Ничего не отправится, пока вы сами не нажмёте «Отправить».",
        "Хабарламалар қосымшасын барлық шұғыл байланыстарға кодтық сөзіңізбен ашады. Сол жерде «Жіберу» баспайынша, ештеңе жіберілмейді.",
    ),
    SOS_DEFAULT_MESSAGE("Please call me. I need help.", "Пожалуйста, позвони мне. Мне нужна помощь.", "Маған қоңырау шалшы. Маған көмек керек."),
    SOS_NO_CONTACTS("Mark at least one contact as an emergency contact.", "Отметьте хотя бы один контакт как экстренный.", "Кемінде бір байланысты шұғыл деп белгілеңіз."),
    NO_APP_FOR_THIS("No app on this phone can do this.", "На телефоне нет приложения для этого.", "Телефонда бұған арналған қосымша жоқ."),

    // Journal
    JOURNAL_NEW("New entry", "Новая запись", "Жаңа жазба"),
    JOURNAL_WHEN("When it happened", "Когда это случилось", "Қашан болды"),
    JOURNAL_WHAT("What happened", "Что произошло", "Не болды"),
    JOURNAL_INJURIES("Injuries", "Травмы", "Жарақаттар"),
    JOURNAL_WITNESSES("Witnesses", "Свидетели", "Куәгерлер"),
    JOURNAL_PLACE("Place", "Место", "Орны"),
    JOURNAL_KINDS("Kind", "Вид", "Түрі"),
    JOURNAL_ATTACH_FILE("Attach a file", "Прикрепить файл", "Файл тіркеу"),
    JOURNAL_ATTACH_PHOTO("Take a photo", "Сделать фото", "Суретке түсіру"),
    JOURNAL_ATTACHMENTS("Attachments", "Вложения", "Тіркемелер"),
    JOURNAL_REVISIONS("Earlier versions", "Прежние версии", "Өзгерістер тарихы"),
    JOURNAL_EDIT_NOTE(
        "Editing keeps the earlier version: every change is recorded.",
        "При изменении прежняя версия сохраняется: каждое изменение записывается.",
        "Өзгерткенде бұрынғы нұсқа сақталады: әр өзгеріс жазылады.",
    ),
    JOURNAL_CHAIN_OK("Record intact: no entry was altered or removed.", "Записи целы: ничего не изменено и не удалено.", "Жазбалар бүтін: ештеңе өзгертілмеген және жойылмаған."),
    JOURNAL_CHAIN_BROKEN("Warning: the record's integrity check failed.", "Внимание: проверка целостности записей не пройдена.", "Назар аударыңыз: жазбалардың тұтастығын тексеру сәтсіз болды."),
    JOURNAL_EXPORT("Export for a lawyer or advocate", "Экспорт для юриста или консультанта", "Заңгерге не кеңесшіге экспорттау"),
    JOURNAL_EXPORT_WARNING(
        "The exported file is readable by whoever gets it. Send it only to someone you trust, and delete it from the phone afterwards.",
        "Экспортированный файл сможет прочитать любой, кто его получит. Отправляйте его только тому, кому доверяете, и затем удалите с телефона.",
        "Экспортталған файлды оны алған кез келген адам оқи алады. Оны тек сенетін адамға жіберіп, кейін телефоннан өшіріңіз.",
    ),
    JOURNAL_FILE_TOO_LARGE("This file is too large.", "Файл слишком большой.", "Файл тым үлкен."),

    // Orders
    ORDERS_NEW("New order", "Новое предписание", "Жаңа нұсқама"),
    ORDERS_KIND("Kind", "Вид", "Түрі"),
    ORDERS_ISSUED("Issued on", "Выдано", "Берілген күні"),
    ORDERS_EXPIRES("Expires on", "Истекает", "Аяқталатын күні"),
    ORDERS_EXPIRES_DEFAULT("the usual term for this kind", "обычный срок для этого вида", "осы түрдің әдеттегі мерзімі"),
    ORDERS_CONDITIONS("Conditions", "Условия", "Шарттар"),
    ORDERS_DAYS_LEFT("Days left: %d", "Осталось дней: %d", "Қалған күн: %d"),
    ORDERS_EXPIRED("Expired", "Истекло", "Мерзімі өтті"),

    // Directory
    DIRECTORY_SEARCH("Search: shelter, lawyer, city…", "Поиск: кризисный центр, юрист, город…", "Іздеу: дағдарыс орталығы, заңгер, қала…"),
    DIRECTORY_OPEN_NOW("Open now", "Открыто сейчас", "Қазір ашық"),
    DIRECTORY_ALL_TYPES("All services", "Все услуги", "Барлық қызметтер"),
    DIRECTORY_FILTERS("Filters: type of help, open now", "Фильтры: вид помощи, открыто сейчас", "Сүзгілер: көмек түрі, қазір ашық"),
    DIRECTORY_CITY("City: %s", "Город: %s", "Қала: %s"),
    DIRECTORY_CITY_ANY("all of Kazakhstan", "весь Казахстан", "бүкіл Қазақстан"),
    DIRECTORY_DISTANCE("About %d km away", "Примерно %d км", "Шамамен %d км"),
    DIRECTORY_VERIFIED("Checked on %s", "Проверено %s", "Тексерілген күні: %s"),
    DIRECTORY_UNVERIFIED("Not verified: check the number before relying on it", "Не проверено: уточните номер, прежде чем полагаться на него", "Тексерілмеген: сенер алдында нөмірді нақтылаңыз"),
    DIRECTORY_FALLBACK("These national lines can tell you where to turn:", "Эти национальные линии подскажут, куда обратиться:", "Бұл ұлттық желілер қайда жүгіну керегін айтады:"),
    DIRECTORY_NO_RESULTS("Nothing found.", "Ничего не найдено.", "Ештеңе табылмады."),
    DIRECTORY_CONFIDENTIAL("Address confidential: call first", "Адрес не раскрывается: сначала позвоните", "Мекенжай құпия: алдымен қоңырау шалыңыз"),
    DIRECTORY_PACK_EXPIRED(
        "This directory is out of date; numbers may have changed.",
        "Справочник устарел; номера могли измениться.",
        "Анықтамалық ескірген; нөмірлер өзгеруі мүмкін.",
    ),

    // Safety plan
    PLAN_ADD_HINT("Add your own step", "Добавьте свой шаг", "Өз қадамыңызды қосыңыз"),
    PLAN_ADOPT("Add to my plan", "В мой план", "Жоспарыма қосу"),
    PLAN_DISMISS("Not for me", "Не подходит", "Маған сәйкес емес"),
    PLAN_PROGRESS("%d of %d done", "Выполнено %d из %d", "%d / %d орындалды"),

    // Contacts (more)
    CONTACT_ADD("Add a contact", "Добавить контакт", "Байланыс қосу"),
    CONTACT_EMERGENCY_MARK("emergency contact", "экстренный контакт", "шұғыл байланыс"),
    SOS_TO("SOS to: %s", "SOS для: %s", "SOS: %s"),

    // Journal (more)
    JOURNAL_POLICE("Police were involved", "Была полиция", "Полиция қатысты"),
    JOURNAL_POLICE_REF("Police reference (KUI, case number)", "Номер КУИ или дела", "КУИ немесе іс нөмірі"),
    JOURNAL_MEDICAL("I got medical help", "Я обращалась за медицинской помощью", "Медициналық көмек алдым"),
    JOURNAL_MEDICAL_REF("Medical certificate number", "Номер медицинской справки", "Медициналық анықтама нөмірі"),
    JOURNAL_HIDE("Hide from the journal", "Скрыть из журнала", "Журналдан жасыру"),
    JOURNAL_ORIGINAL_STAYS(
        "The original file stays where it was (gallery, downloads): delete it there if someone could find it.",
        "Исходный файл остаётся на месте (галерея, загрузки): удалите его там, если его могут найти.",
        "Түпнұсқа файл орнында қалады (галерея, жүктеулер): оны біреу табуы мүмкін болса, сол жерден өшіріңіз.",
    ),
    JOURNAL_REVISION_LINE("Version %s: %s", "Версия %s: %s", "%s-өзгеріс: %s"),
    JOURNAL_DATE_INVALID("Choose when it happened.", "Выберите, когда это случилось.", "Қашан болғанын таңдаңыз."),
    JOURNAL_DATE_FUTURE("That time is still to come: choose when it happened.", "Это время ещё не наступило: выберите, когда это случилось.", "Бұл уақыт әлі келген жоқ: қашан болғанын таңдаңыз."),
    REVISION_CREATE("written", "создано", "жазылды"),
    REVISION_EDIT("changed", "изменено", "өзгертілді"),
    REVISION_ATTACH("file attached", "прикреплён файл", "файл тіркелді"),
    REVISION_HIDE("hidden", "скрыто", "жасырылды"),
    REVISION_RESTORE("shown again", "снова показано", "қайта көрсетілді"),
    REVISION_ERASE("erased", "стёрто", "өшірілді"),
    SIZE_KB("%s KB", "%s КБ", "%s КБ"),
    SIZE_MB("%s MB", "%s МБ", "%s МБ"),
    EXPORT_PIN("PIN, to confirm the export", "PIN-код для подтверждения экспорта", "Экспортты растау үшін PIN-код"),

    // Orders (more)
    ORDERS_ISSUED_BY("Issued by (police department, court)", "Кем выдано (отдел полиции, суд)", "Кім берді (полиция бөлімі, сот)"),
    ORDERS_REFERENCE("Number", "Номер", "Нөмірі"),
    ORDERS_OPEN_ENDED("No end date", "Без срока окончания", "Аяқталу мерзімі жоқ"),
    ORDERS_DATE_INVALID("Choose the date it was issued.", "Выберите дату выдачи.", "Берілген күнін таңдаңыз."),
    ERROR_CHECK_INPUT("Please check what you typed.", "Проверьте, что вы ввели.", "Енгізгеніңізді тексеріңіз."),

    // Settings
    SETTINGS_LANGUAGE("Language", "Язык", "Тіл"),
    SETTINGS_CURRENT_PIN("Current PIN", "Текущий PIN-код", "Қазіргі PIN-код"),
    SETTINGS_CHANGE_PIN("Change PIN", "Сменить PIN-код", "PIN-кодты өзгерту"),
    SETTINGS_NEW_PIN("New PIN", "Новый PIN-код", "Жаңа PIN-код"),
    SETTINGS_DURESS("Second PIN (for when you are forced)", "Второй PIN-код (если вас заставляют)", "Екінші PIN-код (мәжбүрлегенде)"),
    SETTINGS_DURESS_PIN("Second PIN", "Второй PIN-код", "Екінші PIN-код"),
    SETTINGS_DURESS_SET("Set second PIN", "Задать второй PIN-код", "Екінші PIN-кодты орнату"),
    SETTINGS_DURESS_CLEAR("Remove second PIN", "Убрать второй PIN-код", "Екінші PIN-кодты алып тастау"),
    SETTINGS_WIPE_AFTER("Erase after wrong PINs", "Удаление после неверных PIN-кодов", "Қате PIN-кодтардан кейін өшіру"),
    SETTINGS_WIPE_AFTER_ON("Erase everything after this many wrong PINs in a row", "Удалить всё после стольких неверных PIN-кодов подряд", "Қатарынан осынша қате PIN-кодтан кейін бәрін өшіру"),
    SETTINGS_WIPE_AFTER_COUNT("Number of wrong PINs (5 to 50)", "Число неверных PIN-кодов (от 5 до 50)", "Қате PIN-кодтар саны (5-тен 50-ге дейін)"),
    SETTINGS_WIPE_AFTER_NOW("Now: erase after %d wrong PINs in a row.", "Сейчас: удалить после %d неверных PIN-кодов подряд.", "Қазір: қатарынан %d қате PIN-кодтан кейін өшіріледі."),
    SETTINGS_WIPE_AFTER_OFF("Now: off (wrong PINs only slow down further tries).", "Сейчас: выключено (неверные PIN-коды только замедляют новые попытки).", "Қазір: өшірулі (қате PIN-кодтар тек келесі әрекеттерді баяулатады)."),
    SETTINGS_AUTO_LOCK("Lock after inactivity", "Блокировать при бездействии", "Әрекетсіздікте құлыптау"),
    SETTINGS_AUTO_LOCK_OPTION("%d min", "%d мин", "%d мин"),
    SETTINGS_AUTO_LOCK_ONLY_ON_LEAVE("Only when I leave the app", "Только когда я выхожу из приложения", "Тек қосымшадан шыққанда"),
    SETTINGS_DISGUISE("Icon in the app list", "Значок в списке приложений", "Қосымшалар тізіміндегі белгіше"),
    SETTINGS_DISGUISE_NOTE(
        "Some launchers remove the icon from the home screen when it changes; find it in the app list.",
        "Некоторые оболочки убирают значок с главного экрана при смене; найдите его в списке приложений.",
        "Кейбір қабықшалар белгіше өзгергенде оны басты экраннан алып тастайды; оны қосымшалар тізімінен табыңыз.",
    ),
    SETTINGS_PANIC("Panic button app", "Приложение «тревожная кнопка»", "«Дабыл түймесі» қосымшасы"),
    SETTINGS_PANIC_NONE(
        "No panic app connected. Apps such as Ripple can lock this space with one gesture.",
        "Тревожное приложение не подключено. Приложения вроде Ripple могут закрыть это пространство одним жестом.",
        "Дабыл қосымшасы қосылмаған. Ripple сияқты қосымшалар бұл кеңістікті бір қимылмен жаба алады.",
    ),
    SETTINGS_PANIC_CONNECTED("Connected: %s", "Подключено: %s", "Қосылған: %s"),
    SETTINGS_PANIC_REQUEST("%s asks to connect as your panic button.", "%s просит подключиться как тревожная кнопка.", "%s дабыл түймесі ретінде қосылуды сұрайды."),
    SETTINGS_PANIC_ACCEPT("Accept", "Принять", "Қабылдау"),
    SETTINGS_PANIC_REJECT("Refuse", "Отклонить", "Қабылдамау"),
    SETTINGS_PANIC_WIPE("Panic also erases everything (otherwise it only locks)", "Тревога также удаляет всё (иначе только закрывает)", "Дабыл бәрін өшіреді де (әйтпесе тек жабады)"),
    SETTINGS_PANIC_DISCONNECT("Disconnect", "Отключить", "Ажырату"),
    SETTINGS_WIPE("Erase everything now", "Удалить всё сейчас", "Бәрін қазір өшіру"),
    SETTINGS_WIPE_EXPLAIN(
        "Erases this space for good. It cannot be undone. Make a backup copy first of what you need to keep.",
        "Удаляет это пространство навсегда. Отменить нельзя. Сначала сделайте резервную копию того, что нужно сохранить.",
        "Бұл кеңістікті біржола өшіреді. Қайтару мүмкін емес. Сақтау керегінің алдымен сақтық көшірмесін жасаңыз.",
    ),
    SETTINGS_WIPE_COUNTDOWN("Erasing in %d s", "Удаление через %d с", "%d с кейін өшіріледі"),
    SETTINGS_PIN_WRONG("That PIN is not right.", "Неверный PIN-код.", "PIN-код қате."),
    SETTINGS_DONE("Done.", "Готово.", "Дайын."),

    ;

    fun get(lang: Lang): String = when (lang) {
        Lang.KK -> kk
        Lang.RU -> ru
        Lang.EN -> en
    }

    /** For entries with a `%d` or `%s`. */
    fun format(lang: Lang, vararg args: Any): String = String.format(Locale.ROOT, get(lang), *args)
}
