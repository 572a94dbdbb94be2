/// The arrangements shipped with the product, transcribed from the State Council notices
/// (see the domain brief `calendar.md`). Later years are imported by an administrator.
extension HolidayArrangement {
    /// 2025 (国办发明电〔2024〕12号).
    public static let y2025 = HolidayArrangement(
        year: 2025,
        source: "国办发明电〔2024〕12号",
        holidays: [
            Holiday(name: "元旦", firstDay: day(2025, 1, 1), lastDay: day(2025, 1, 1)),
            Holiday(name: "春节", firstDay: day(2025, 1, 28), lastDay: day(2025, 2, 4)),
            Holiday(name: "清明节", firstDay: day(2025, 4, 4), lastDay: day(2025, 4, 6)),
            Holiday(name: "劳动节", firstDay: day(2025, 5, 1), lastDay: day(2025, 5, 5)),
            Holiday(name: "端午节", firstDay: day(2025, 5, 31), lastDay: day(2025, 6, 2)),
            Holiday(name: "国庆节、中秋节", firstDay: day(2025, 10, 1), lastDay: day(2025, 10, 8)),
        ],
        makeupWorkdays: [
            MakeupWorkday(date: day(2025, 1, 26), holidayName: "春节"),
            MakeupWorkday(date: day(2025, 2, 8), holidayName: "春节"),
            MakeupWorkday(date: day(2025, 4, 27), holidayName: "劳动节"),
            MakeupWorkday(date: day(2025, 9, 28), holidayName: "国庆节、中秋节"),
            MakeupWorkday(date: day(2025, 10, 11), holidayName: "国庆节、中秋节"),
        ]
    )

    /// 2026 (国务院办公厅 notice of 2025-11-04).
    public static let y2026 = HolidayArrangement(
        year: 2026,
        source: "国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）",
        holidays: [
            Holiday(name: "元旦", firstDay: day(2026, 1, 1), lastDay: day(2026, 1, 3)),
            Holiday(name: "春节", firstDay: day(2026, 2, 15), lastDay: day(2026, 2, 23)),
            Holiday(name: "清明节", firstDay: day(2026, 4, 4), lastDay: day(2026, 4, 6)),
            Holiday(name: "劳动节", firstDay: day(2026, 5, 1), lastDay: day(2026, 5, 5)),
            Holiday(name: "端午节", firstDay: day(2026, 6, 19), lastDay: day(2026, 6, 21)),
            Holiday(name: "中秋节", firstDay: day(2026, 9, 25), lastDay: day(2026, 9, 27)),
            Holiday(name: "国庆节", firstDay: day(2026, 10, 1), lastDay: day(2026, 10, 7)),
        ],
        makeupWorkdays: [
            MakeupWorkday(date: day(2026, 1, 4), holidayName: "元旦"),
            MakeupWorkday(date: day(2026, 2, 14), holidayName: "春节"),
            MakeupWorkday(date: day(2026, 2, 28), holidayName: "春节"),
            MakeupWorkday(date: day(2026, 5, 9), holidayName: "劳动节"),
            MakeupWorkday(date: day(2026, 9, 20), holidayName: "国庆节"),
            MakeupWorkday(date: day(2026, 10, 10), holidayName: "国庆节"),
        ]
    )

    /// Every built-in arrangement, oldest first.
    public static let builtIn: [HolidayArrangement] = [y2025, y2026]

    private static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        LocalDate(unchecked: year, month, day)
    }
}
