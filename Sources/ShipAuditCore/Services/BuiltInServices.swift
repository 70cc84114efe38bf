import ShipAuditCSV
import ShipAuditStorage

/// The carrier services shipaudit maps to tiers without configuration: UPS codes and names, FedEx service types,
/// USPS and DHL Express (formats.md §4–6). Names are matched ignoring case, spaces, punctuation and ®/™, so
/// `UPS® Ground`, `ups_ground` and `UPS Ground` are one name; a bare code (`03`) is matched with its carrier.
public enum BuiltInServices {
    /// Every built-in service.
    public static let all: [CarrierService] = ups + fedex + usps + dhl

    static let ups: [CarrierService] = [
        CarrierService(
            "UPS", "UPS Next Day Air Early", .overnightEarly,
            aliases: [
                "ups 14", "UPS Next Day Air Early A.M.", "UPS Next Day Air Early AM", "ups_next_day_air_early_am",
                "NextDayAirEarlyAM", "Next Day Air Early", "Next Day Air Early A.M.",
            ], guaranteed: true),
        CarrierService(
            "UPS", "UPS Next Day Air", .overnight,
            aliases: [
                "ups 01", "ups 1", "ups_next_day_air", "NextDayAir", "Next Day Air", "UPS Next Day",
                "Next Day Air Commercial",
                "Next Day Air Residential",
            ], guaranteed: true),
        CarrierService(
            "UPS", "UPS Next Day Air Saver", .overnight,
            aliases: [
                "ups 13", "ups_next_day_air_saver", "NextDayAirSaver", "Next Day Air Saver",
                "Next Day Air Saver Commercial",
                "Next Day Air Saver Residential",
            ], guaranteed: true),
        CarrierService(
            "UPS", "UPS 2nd Day Air A.M.", .twoDayAM,
            aliases: [
                "ups 59", "UPS 2nd Day Air AM", "ups_second_day_air_am", "ups_2nd_day_air_am", "2ndDayAirAM",
                "2nd Day Air A.M.",
            ]),
        CarrierService(
            "UPS", "UPS 2nd Day Air", .twoDay,
            aliases: [
                "ups 02", "ups 2", "ups_second_day_air", "ups_2nd_day_air", "2ndDayAir", "UPS Second Day Air",
                "2nd Day Air",
                "2nd Day Air Residential", "2nd Day Air Commercial",
            ]),
        CarrierService(
            "UPS", "UPS 3 Day Select", .threeDay,
            aliases: [
                "ups 12", "ups_3_day_select", "3DaySelect", "UPS Three-Day Select", "3 Day Select",
                "3 Day Select Residential",
                "3 Day Select Commercial",
            ]),
        CarrierService(
            "UPS", "UPS Ground", .ground,
            aliases: [
                "ups 03", "ups 3", "ups_ground", "Ground Residential", "Ground Commercial", "UPS Ground Saver",
                "ups_ground_saver",
            ]),
        CarrierService(
            "UPS", "UPS SurePost", .economy,
            aliases: [
                "ups_surepost", "ups 92", "ups 93", "UPS SurePost - 1lb or Greater", "UPS SurePost Less than 1 lb",
            ]),
        CarrierService(
            "UPS", "UPS Worldwide Express", .twoDay,
            aliases: [
                "ups 07", "ups_express", "ups_worldwide_express", "UPS Express", "ups 54", "UPS Worldwide Express Plus",
                "ups_express_plus", "ups_worldwide_express_plus",
            ]),
        CarrierService(
            "UPS", "UPS Worldwide Saver", .twoDay, aliases: ["ups 65", "ups_saver", "ups_worldwide_saver", "UPS Saver"]),
        CarrierService(
            "UPS", "UPS Worldwide Expedited", .threeDay,
            aliases: ["ups 08", "ups_expedited", "ups_worldwide_expedited"]),
        CarrierService("UPS", "UPS Standard", .ground, aliases: ["ups 11", "ups_standard", "UPSStandard"]),
    ]

    static let fedex: [CarrierService] = [
        CarrierService(
            "FedEx", "FedEx First Overnight", .overnightEarly,
            aliases: [
                "FIRST_OVERNIGHT", "fedex_first_overnight",
            ], guaranteed: true),
        CarrierService(
            "FedEx", "FedEx Priority Overnight", .overnight,
            aliases: [
                "PRIORITY_OVERNIGHT", "fedex_priority_overnight",
            ], guaranteed: true),
        CarrierService(
            "FedEx", "FedEx Standard Overnight", .overnight,
            aliases: [
                "STANDARD_OVERNIGHT", "fedex_standard_overnight",
            ], guaranteed: true),
        CarrierService(
            "FedEx", "FedEx 2Day A.M.", .twoDayAM, aliases: ["FEDEX_2_DAY_AM", "fedex_2_day_am", "fedex_2day_am"]),
        CarrierService(
            "FedEx", "FedEx 2Day", .twoDay, aliases: ["FEDEX_2_DAY", "fedex_2_day", "fedex_2day", "FedEx 2 Day"]),
        CarrierService(
            "FedEx", "FedEx Express Saver", .threeDay, aliases: ["FEDEX_EXPRESS_SAVER", "fedex_express_saver"]),
        CarrierService("FedEx", "FedEx Ground", .ground, aliases: ["FEDEX_GROUND", "fedex_ground"]),
        CarrierService(
            "FedEx", "FedEx Home Delivery", .ground,
            aliases: [
                "GROUND_HOME_DELIVERY", "fedex_home_delivery", "FedEx Ground Home Delivery",
                "fedex_ground_home_delivery",
            ]),
        CarrierService(
            "FedEx", "FedEx Ground Economy", .economy,
            aliases: [
                "SMART_POST", "fedex_smart_post", "FedEx SmartPost", "fedex_ground_economy",
            ]),
    ]

    static let usps: [CarrierService] = [
        CarrierService(
            "USPS", "USPS Priority Mail Express", .overnight,
            aliases: [
                "Priority Mail Express", "PRIORITY_MAIL_EXPRESS", "usps_priority_express", "usps_priority_mail_express",
                "usps Express", "Priority Mail Express 1-Day", "usps_express",
            ], guaranteed: true),
        CarrierService(
            "USPS", "USPS Priority Mail", .priorityMail,
            aliases: [
                "Priority Mail", "PRIORITY_MAIL", "usps_priority", "usps_priority_mail", "usps Priority",
            ]),
        CarrierService(
            "USPS", "USPS Ground Advantage", .ground,
            aliases: [
                "Ground Advantage", "USPS_GROUND_ADVANTAGE", "usps_ground_advantage", "usps GroundAdvantage",
                "First-Class Package", "First Class Package Service", "USPS First Class Mail", "usps_first_class_mail",
                "usps_first", "usps First", "First Class", "First-Class Mail", "USPS First Class Package",
            ]),
        CarrierService(
            "USPS", "USPS Parcel Select", .economy,
            aliases: [
                "Parcel Select", "PARCEL_SELECT", "usps_parcel_select", "usps ParcelSelect", "Parcel Select Ground",
            ]),
        CarrierService(
            "USPS", "USPS Media Mail", .economy,
            aliases: ["Media Mail", "MEDIA_MAIL", "usps_media_mail", "usps MediaMail"]),
        CarrierService(
            "USPS", "USPS Library Mail", .economy, aliases: ["Library Mail", "LIBRARY_MAIL", "usps_library_mail"]),
    ]

    static let dhl: [CarrierService] = [
        CarrierService(
            "DHL Express", "DHL Express 9:00", .overnightEarly, aliases: ["dhl K", "Express 900", "dhl_express_0900"]),
        CarrierService(
            "DHL Express", "DHL Express 10:30", .overnightEarly, aliases: ["dhl L", "Express 1030", "dhl_express_1030"]),
        CarrierService(
            "DHL Express", "DHL Express 12:00", .overnight,
            aliases: [
                "dhl T", "dhl Y", "Express 1200", "dhl_express_1200", "DHL Express 12:00 Non-Documents",
            ]),
        CarrierService(
            "DHL Express", "DHL Domestic Express", .overnight,
            aliases: ["dhl N", "dhl 1", "DomesticExpress", "DHL Express Domestic"]),
        CarrierService(
            "DHL Express", "DHL Express Worldwide", .twoDay,
            aliases: [
                "dhl U", "dhl P", "dhl D", "ExpressWorldwide", "ExpressWorldwideNonDoc", "dhl_express_worldwide",
                "DHL Express Worldwide Non-Documents",
            ]),
        CarrierService(
            "DHL Express", "DHL Economy Select", .economy, aliases: ["dhl W", "EconomySelect", "dhl_economy_select"]),
    ]
}
