"""The raw material of the demo district: names, places, employers, trades.

Plain tuples only. Order matters (the generator draws from them with a
seeded random generator), so append rather than reorder.
"""

from __future__ import annotations

# --- people ------------------------------------------------------------------
# Tibetan name elements: (Chinese transliteration, Tibetan syllables, sex)
# sex: "m" mostly men, "f" mostly women, "u" either (weekday names and others).
TIBETAN_ELEMENTS: tuple[tuple[str, str, str], ...] = (
    ("扎西", "བཀྲ་ཤིས", "m"),
    ("次仁", "ཚེ་རིང", "u"),
    ("卓玛", "སྒྲོལ་མ", "f"),
    ("平措", "ཕུན་ཚོགས", "m"),
    ("洛桑", "བློ་བཟང", "m"),
    ("德吉", "བདེ་སྐྱིད", "f"),
    ("尼玛", "ཉི་མ", "u"),
    ("格桑", "སྐལ་བཟང", "u"),
    ("索朗", "བསོད་ནམས", "m"),
    ("多吉", "རྡོ་རྗེ", "m"),
    ("央金", "དབྱངས་ཅན", "f"),
    ("拉巴", "ལྷག་པ", "u"),
    ("次旦", "ཚེ་བརྟན", "m"),
    ("旺堆", "དབང་འདུས", "m"),
    ("顿珠", "དོན་གྲུབ", "m"),
    ("达瓦", "ཟླ་བ", "u"),
    ("普布", "ཕུར་བུ", "u"),
    ("巴桑", "པ་སངས", "u"),
    ("边巴", "སྤེན་པ", "u"),
    ("米玛", "མིག་དམར", "u"),
    ("白玛", "པདྨ", "u"),
    ("拉姆", "ལྷ་མོ", "f"),
    ("曲珍", "ཆོས་སྒྲོན", "f"),
    ("央宗", "དབྱངས་འཛོམས", "f"),
    ("卓嘎", "སྒྲོལ་དཀར", "f"),
    ("次珍", "ཚེ་སྒྲོན", "f"),
    ("旦增", "བསྟན་འཛིན", "m"),
    ("晋美", "འཇིགས་མེད", "m"),
    ("罗布", "ནོར་བུ", "m"),
    ("强巴", "བྱམས་པ", "m"),
    ("嘉措", "རྒྱ་མཚོ", "m"),
    ("贡嘎", "ཀུན་དགའ", "u"),
    ("益西", "ཡེ་ཤེས", "u"),
    ("桑珠", "བསམ་གྲུབ", "m"),
    ("群培", "ཆོས་འཕེལ", "m"),
    ("措姆", "མཚོ་མོ", "f"),
    ("其美", "འཆི་མེད", "u"),
    ("仁增", "རིག་འཛིན", "m"),
    ("欧珠", "དངོས་གྲུབ", "m"),
    ("次央", "ཚེ་དབྱངས", "f"),
    ("德庆", "བདེ་ཆེན", "u"),
    ("玉珍", "གཡུ་སྒྲོན", "f"),
    ("朗杰", "རྣམ་རྒྱལ", "m"),
    ("加央", "འཇམ་དབྱངས", "m"),
    ("扎巴", "གྲགས་པ", "m"),
    ("土登", "ཐུབ་བསྟན", "m"),
    ("洛珠", "བློ་གྲོས", "m"),
    ("班觉", "དཔལ་འབྱོར", "m"),
    ("拉珍", "ལྷ་སྒྲོན", "f"),
    ("桑姆", "བཟང་མོ", "f"),
)
# "阿佳" (elder sister) is how people in Lhasa address a woman; a few go by it.
AJA = ("阿佳", "ཨ་ཅག")

HAN_SURNAMES = (
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "赵",
    "黄",
    "周",
    "吴",
    "徐",
    "孙",
    "马",
    "朱",
    "胡",
    "郭",
    "何",
    "罗",
    "唐",
    "邓",
    "蒋",
    "谢",
    "冯",
    "曾",
)
HAN_GIVEN_MALE = (
    "伟",
    "强",
    "军",
    "磊",
    "勇",
    "杰",
    "涛",
    "斌",
    "建国",
    "建华",
    "志强",
    "海军",
    "国庆",
    "红军",
    "文斌",
    "德明",
    "永福",
    "长青",
    "春生",
    "明亮",
    "小龙",
    "建军",
    "俊",
    "鹏",
    "浩",
    "宇航",
    "子豪",
    "家豪",
)
HAN_GIVEN_FEMALE = (
    "芳",
    "丽",
    "娟",
    "敏",
    "静",
    "秀英",
    "桂兰",
    "海燕",
    "玉梅",
    "红梅",
    "秀兰",
    "丽娟",
    "小红",
    "春花",
    "桂芳",
    "晓燕",
    "雪梅",
    "欣怡",
    "雨涵",
    "佳怡",
    "婷",
    "琴",
    "霞",
)

# --- where people come from: GB/T 2260 division codes --------------------------
# (code, weight). Historic codes (542301 日喀则市, 542421 那曲县, …) are on the
# cards of people born before the 2014-2018 re-divisions and are still valid.
TIBETAN_DIVISIONS_OLD = (
    ("540102", 52),  # 拉萨市城关区
    ("540121", 5),  # 林周县
    ("540122", 2),  # 当雄县
    ("540123", 3),  # 尼木县
    ("540124", 3),  # 曲水县
    ("540125", 3),  # 堆龙德庆县 (now 540103 区)
    ("540126", 2),  # 达孜县 (now 540104 区)
    ("540127", 4),  # 墨竹工卡县
    ("542301", 4),  # 日喀则市 (now 540202 桑珠孜区)
    ("542322", 2),  # 南木林县 (old code)
    ("540236", 2),  # 萨嘎县
    ("540222", 2),  # 江孜县
    ("542221", 3),  # 乃东县 (now 540502 乃东区)
    ("542421", 3),  # 那曲县 (now 540602 色尼区)
    ("542121", 2),  # 昌都县 (now 540302 卡若区)
    ("513321", 1),  # 四川甘孜 康定县 (now 513301 康定市)
    ("513325", 1),  # 四川甘孜 雅江县
)
TIBETAN_DIVISIONS_NEW = (
    ("540102", 60),
    ("540103", 6),
    ("540104", 4),
    ("540121", 4),
    ("540127", 3),
    ("540202", 5),
    ("540236", 2),
    ("540502", 4),
    ("540602", 4),
    ("540302", 3),
    ("513301", 1),
)
HAN_DIVISIONS = (
    ("510104", 5),  # 成都 锦江区
    ("510107", 5),  # 成都 武侯区
    ("510681", 4),  # 广汉市
    ("511102", 4),  # 乐山 市中区
    ("511302", 5),  # 南充 顺庆区
    ("511602", 4),  # 广安区
    ("510722", 4),  # 三台县
    ("512021", 4),  # 安岳县
    ("510502", 3),  # 泸州 江阳区
    ("500101", 4),  # 重庆 万州区
    ("620102", 3),  # 兰州 城关区
    ("621102", 3),  # 定西 安定区
    ("621121", 3),  # 通渭县
    ("620502", 2),  # 天水 秦州区
    ("621221", 2),  # 成县
    ("622901", 2),  # 临夏市
    ("630102", 2),  # 西宁 城东区
    ("630104", 2),  # 西宁 城西区
    ("632121", 2),  # 平安县 (old code)
    ("632122", 2),  # 民和县
    ("632126", 2),  # 互助县
    ("540102", 6),  # born in Lhasa
)

MOBILE_PREFIXES = (
    "139",
    "138",
    "137",
    "136",
    "135",
    "134",
    "150",
    "151",
    "152",
    "157",
    "158",
    "159",
    "182",
    "183",
    "187",
    "188",
    "130",
    "131",
    "132",
    "155",
    "156",
    "185",
    "186",
    "133",
    "153",
    "180",
    "181",
    "189",
    "177",
    "178",
    "199",
    "191",
)

# --- places ------------------------------------------------------------------
# Streets of Chengguan with an approximate point on each (lat, lon).
STREETS: tuple[tuple[str, float, float], ...] = (
    ("北京中路", 29.6560, 91.1150),
    ("北京东路", 29.6530, 91.1360),
    ("北京西路", 29.6575, 91.0950),
    ("江苏路", 29.6480, 91.1340),
    ("林廓北路", 29.6610, 91.1300),
    ("林廓东路", 29.6520, 91.1400),
    ("林廓南路", 29.6470, 91.1290),
    ("宇拓路", 29.6545, 91.1270),
    ("金珠西路", 29.6455, 91.0850),
    ("金珠中路", 29.6430, 91.1100),
    ("八一南路", 29.6480, 91.0880),
    ("夺底路", 29.6720, 91.1350),
    ("夺底南路", 29.6650, 91.1370),
    ("娘热路", 29.6720, 91.1150),
    ("娘热南路", 29.6640, 91.1160),
    ("纳金路", 29.6600, 91.1650),
    ("藏大东路", 29.6500, 91.1800),
    ("色拉路", 29.6800, 91.1300),
    ("罗布林卡路", 29.6530, 91.0960),
    ("民族路", 29.6550, 91.1030),
    ("朵森格路", 29.6510, 91.1200),
    ("当热中路", 29.6620, 91.1400),
    ("当热东路", 29.6610, 91.1520),
    ("扎基路", 29.6650, 91.1200),
    ("太阳岛一路", 29.6400, 91.1200),
    ("仙足岛路", 29.6410, 91.1450),
    ("林廓西路", 29.6560, 91.1230),
    ("团结新村路", 29.6440, 91.0960),
)

# Neighbourhood communities (社区) as home areas, with a point, and the
# station whose area they are in.
COMMUNITIES: tuple[tuple[str, float, float, str], ...] = (
    ("八廓街道冲赛康社区", 29.6545, 91.1320, "market"),
    ("八廓街道鲁固社区", 29.6520, 91.1350, "market"),
    ("八廓街道八廓社区", 29.6530, 91.1335, "market"),
    ("吉日街道吉日社区", 29.6570, 91.1380, "market"),
    ("吉崩岗街道吉崩岗社区", 29.6565, 91.1200, "gongdelin"),
    ("吉崩岗街道丹杰林社区", 29.6585, 91.1230, "gongdelin"),
    ("功德林街道功德林社区", 29.6520, 91.1140, "gongdelin"),
    ("功德林街道拉鲁社区", 29.6650, 91.1060, "gongdelin"),
    ("功德林街道德吉社区", 29.6500, 91.1100, "gongdelin"),
    ("金珠西路街道八一社区", 29.6480, 91.0880, "jinzhu-xilu"),
    ("金珠西路街道金珠社区", 29.6450, 91.0820, "jinzhu-xilu"),
    ("金珠西路街道罗堆社区", 29.6520, 91.0780, "jinzhu-xilu"),
    ("嘎玛贡桑街道嘎玛贡桑社区", 29.6450, 91.1510, "gama-gongsang"),
    ("嘎玛贡桑街道藏热社区", 29.6470, 91.1600, "gama-gongsang"),
    ("嘎玛贡桑街道仙足岛社区", 29.6420, 91.1430, "gama-gongsang"),
    ("纳金街道纳金社区", 29.6600, 91.1650, "market"),
    ("纳金街道塔玛社区", 29.6680, 91.1520, "market"),
    ("两岛街道太阳岛社区", 29.6390, 91.1200, "gongdelin"),
    ("扎细街道扎细社区", 29.6640, 91.1300, "market"),
    ("扎细街道色拉社区", 29.6750, 91.1320, "market"),
    ("娘热街道娘热社区", 29.6760, 91.1150, "market"),
    ("夺底街道夺底社区", 29.6780, 91.1380, "market"),
    ("蔡公堂街道蔡公堂社区", 29.6350, 91.1850, "gama-gongsang"),
)

RESIDENTIAL_COMPOUNDS = (
    "雪域花园",
    "吉祥苑",
    "阳光新城",
    "格桑小区",
    "拉鲁家园",
    "金珠新村",
    "娘热花园",
    "仙足岛小区",
    "太阳岛小区",
    "藏大新村",
    "纳金家园",
    "当热小区",
    "团结新村",
    "色拉新村",
    "宇拓家园",
)

# Where the demo's people and jobs are: the built-up core, inside the district of settings.LINGONG_DISTRICT_BOX.
DISTRICT_BOX = ((29.630, 29.690), (91.050, 91.200))

# --- employers -----------------------------------------------------------------
BRANDS = (
    "雪域",
    "吉祥",
    "格桑",
    "圣城",
    "日光",
    "高原",
    "念青",
    "羌塘",
    "雅砻",
    "拉鲁",
    "吉曲",
    "雪莲",
    "藏香",
    "德吉",
    "扎西",
    "岗坚",
    "唐古拉",
    "雪山",
    "青稞",
    "甜茶",
    "如意",
    "金珠",
    "吉日",
    "宇拓",
    "纳金",
    "娘热",
    "彩虹",
    "祥云",
    "达孜",
    "白玛",
    "卓玛",
    "嘎玛",
    "鲁固",
    "冲赛",
    "林廓",
    "当热",
    "朵森格",
    "色拉",
    "曲水",
    "夺底",
    "仙足",
    "北极星",
    "春风",
    "和美",
    "安康",
    "顺达",
    "兴旺",
    "恒通",
    "长青",
    "福瑞",
    "康桑",
    "拉萨河",
    "药王",
    "雅鲁",
)

# Kinds of enterprise: (key, weight, name patterns, streets they cluster on).
# A name starting with 城关区 is an individual business (个体工商户, USCC 92…).
ENTERPRISE_KINDS: tuple[tuple[str, int, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "restaurant",
        28,
        (
            "拉萨{b}餐饮有限公司",
            "拉萨{b}餐饮管理有限公司",
            "城关区{b}藏餐馆",
            "城关区{b}川菜馆",
            "城关区{b}甜茶馆",
            "城关区{b}面馆",
            "拉萨{b}火锅餐饮有限公司",
        ),
        ("北京中路", "北京东路", "宇拓路", "林廓北路", "江苏路", "朵森格路", "民族路", "当热中路", "扎基路"),
    ),
    (
        "hotel",
        22,
        (
            "拉萨{b}酒店管理有限公司",
            "城关区{b}宾馆",
            "拉萨{b}大酒店有限公司",
            "城关区{b}客栈",
            "拉萨{b}旅游酒店有限公司",
        ),
        ("北京中路", "北京东路", "林廓东路", "宇拓路", "江苏路", "太阳岛一路", "林廓北路", "罗布林卡路"),
    ),
    (
        "property",
        10,
        ("西藏{b}物业服务有限公司", "拉萨{b}物业管理有限公司"),
        ("太阳岛一路", "仙足岛路", "娘热路", "金珠中路", "纳金路", "藏大东路"),
    ),
    (
        "renovation",
        10,
        ("拉萨{b}装饰工程有限公司", "西藏{b}建筑装饰有限公司", "城关区{b}装修队"),
        ("金珠西路", "纳金路", "夺底路", "八一南路", "娘热路", "金珠中路"),
    ),
    (
        "supermarket",
        8,
        ("拉萨{b}超市有限公司", "城关区{b}便民超市", "拉萨{b}商贸有限公司"),
        ("北京中路", "江苏路", "金珠中路", "娘热路", "纳金路", "团结新村路", "当热东路"),
    ),
    (
        "logistics",
        8,
        ("拉萨{b}物流有限公司", "西藏{b}搬家服务有限公司", "拉萨{b}货运有限公司"),
        ("纳金路", "夺底路", "金珠西路", "八一南路", "藏大东路"),
    ),
    (
        "housekeeping",
        6,
        ("拉萨{b}家政服务有限公司", "拉萨{b}保洁服务有限公司"),
        ("江苏路", "林廓南路", "民族路", "金珠中路", "北京西路"),
    ),
    (
        "construction",
        4,
        ("西藏{b}建筑工程有限公司", "拉萨{b}建设工程有限公司"),
        ("金珠西路", "纳金路", "藏大东路", "夺底路"),
    ),
    (
        "security",
        4,
        ("拉萨{b}保安服务有限公司",),
        ("北京西路", "金珠中路", "当热中路"),
    ),
)
INDIVIDUAL_KINDS: tuple[tuple[str, int], ...] = (("household", 60), ("boss", 40))

# A few names from the brief, used once each for the first employers.
FEATURED_ENTERPRISES = (
    ("拉萨雪域餐饮有限公司", "restaurant", "北京中路"),
    ("布达拉宫广场宾馆", "hotel", "北京中路"),
)


# --- work ------------------------------------------------------------------------
# Everything below is keyed by the slugs of trades/data/job_types.json; a slug
# missing from the database is skipped.

# What each kind of employer posts: (trade, weight).
DEMAND: dict[str, tuple[tuple[str, int], ...]] = {
    "restaurant": (
        ("restaurant_server", 32),
        ("kitchen_helper", 22),
        ("dishwasher", 14),
        ("cook", 12),
        ("cleaner", 6),
        ("cashier", 5),
        ("delivery_rider", 5),
        ("mover", 2),
        ("promoter", 2),
    ),
    "hotel": (
        ("room_attendant", 34),
        ("cleaner", 14),
        ("restaurant_server", 12),
        ("laundry_worker", 12),
        ("kitchen_helper", 8),
        ("security_guard", 8),
        ("dishwasher", 4),
        ("electrician", 2),
        ("plumber", 2),
        ("mover", 2),
    ),
    "property": (
        ("cleaner", 30),
        ("security_guard", 30),
        ("gardener", 14),
        ("electrician", 9),
        ("plumber", 9),
        ("car_washer", 4),
        ("mover", 4),
    ),
    "renovation": (
        ("renovator", 26),
        ("painter", 14),
        ("mason", 14),
        ("carpenter", 10),
        ("electrician", 10),
        ("plumber", 10),
        ("construction_labourer", 8),
        ("mover", 8),
    ),
    "supermarket": (
        ("stock_clerk", 30),
        ("cashier", 25),
        ("mover", 18),
        ("shelf_installer", 10),
        ("promoter", 10),
        ("cleaner", 4),
        ("delivery_rider", 3),
    ),
    "logistics": (("mover", 42), ("stock_clerk", 18), ("driver", 16), ("courier", 14), ("delivery_rider", 10)),
    "housekeeping": (
        ("domestic_helper", 30),
        ("cleaner", 30),
        ("elder_carer", 14),
        ("childminder", 10),
        ("hospital_carer", 8),
        ("laundry_worker", 8),
    ),
    "construction": (
        ("construction_labourer", 50),
        ("mason", 15),
        ("mover", 12),
        ("carpenter", 8),
        ("electrician", 8),
        ("painter", 7),
    ),
    "security": (("security_guard", 100),),
    "household": (
        ("domestic_helper", 28),
        ("cleaner", 16),
        ("elder_carer", 14),
        ("childminder", 12),
        ("mover", 12),
        ("furniture_fitter", 8),
        ("plumber", 5),
        ("electrician", 3),
        ("hospital_carer", 2),
    ),
    "boss": (
        ("renovator", 18),
        ("construction_labourer", 14),
        ("mover", 14),
        ("painter", 10),
        ("mason", 10),
        ("furniture_fitter", 8),
        ("shelf_installer", 8),
        ("plumber", 5),
        ("electrician", 5),
        ("driver", 4),
        ("car_washer", 4),
    ),
}

# How often each kind of employer posts (restaurants and hotels dominate).
POSTING_WEIGHT = {
    "restaurant": 3.2,
    "hotel": 3.0,
    "property": 1.2,
    "renovation": 1.6,
    "supermarket": 1.2,
    "logistics": 1.5,
    "housekeeping": 1.4,
    "construction": 1.4,
    "security": 0.8,
    "household": 0.5,
    "boss": 1.0,
}

# Job kinds by employer kind: weights of (day gig, short term, long term).
KIND_MIX = {
    "restaurant": (55, 25, 20),
    "hotel": (45, 30, 25),
    "property": (30, 20, 50),
    "renovation": (50, 45, 5),
    "supermarket": (50, 30, 20),
    "logistics": (70, 20, 10),
    "housekeeping": (60, 25, 15),
    "construction": (40, 50, 10),
    "security": (20, 30, 50),
    "household": (80, 15, 5),
    "boss": (65, 33, 2),
}

_WAITER = ((("10:00", "14:30"), 30), (("17:00", "22:00"), 25), (("10:00", "20:00"), 35), (("11:00", "15:00"), 10))
_KITCHEN = ((("09:00", "14:00"), 25), (("16:30", "22:00"), 20), (("09:00", "19:00"), 55))
_DAY = ((("08:30", "17:30"), 100),)
# Daily hours by trade: ((start, end), weight); an end before the start is a night shift.
HOURS: dict[str, tuple[tuple[tuple[str, str], int], ...]] = {
    "restaurant_server": _WAITER,
    "kitchen_helper": _KITCHEN,
    "dishwasher": _KITCHEN,
    "cook": ((("09:00", "19:00"), 70), (("10:00", "21:00"), 30)),
    "room_attendant": ((("08:30", "17:30"), 70), (("09:00", "13:00"), 30)),
    "cleaner": ((("08:00", "12:00"), 30), (("08:30", "17:30"), 50), (("14:00", "18:00"), 20)),
    "domestic_helper": ((("09:00", "12:00"), 35), (("14:00", "17:00"), 25), (("08:30", "17:30"), 40)),
    "childminder": ((("08:00", "18:00"), 60), (("09:00", "15:00"), 40)),
    "elder_carer": ((("08:00", "18:00"), 60), (("20:00", "08:00"), 15), (("09:00", "15:00"), 25)),
    "hospital_carer": ((("08:00", "20:00"), 50), (("20:00", "08:00"), 50)),
    "mover": ((("08:00", "12:00"), 30), (("08:30", "17:30"), 55), (("13:00", "18:00"), 15)),
    "security_guard": ((("08:00", "20:00"), 50), (("20:00", "08:00"), 35), (("09:00", "18:00"), 15)),
    "construction_labourer": ((("08:00", "18:00"), 80), (("08:30", "17:30"), 20)),
    "renovator": ((("08:30", "18:00"), 80), (("09:00", "13:00"), 20)),
    "painter": _DAY,
    "mason": _DAY,
    "carpenter": _DAY,
    "electrician": ((("09:00", "17:00"), 80), (("09:00", "12:00"), 20)),
    "plumber": ((("09:00", "17:00"), 70), (("14:00", "18:00"), 30)),
    "driver": ((("08:00", "18:00"), 70), (("06:00", "14:00"), 30)),
    "courier": ((("09:00", "19:00"), 70), (("13:00", "20:00"), 30)),
    "delivery_rider": ((("10:00", "14:00"), 30), (("17:00", "21:00"), 30), (("10:00", "21:00"), 40)),
    "stock_clerk": ((("08:00", "17:00"), 60), (("22:00", "06:00"), 20), (("13:00", "21:00"), 20)),
    "shelf_installer": ((("09:00", "18:00"), 80), (("19:00", "23:00"), 20)),
    "furniture_fitter": ((("09:00", "17:00"), 80), (("14:00", "18:00"), 20)),
    "cashier": ((("09:00", "15:00"), 35), (("15:00", "22:00"), 35), (("09:00", "18:00"), 30)),
    "promoter": ((("10:00", "16:00"), 60), (("17:00", "21:00"), 40)),
    "gardener": ((("08:30", "17:30"), 70), (("08:00", "12:00"), 30)),
    "car_washer": ((("09:00", "18:00"), 100),),
    "laundry_worker": ((("08:30", "17:30"), 80), (("09:00", "13:00"), 20)),
}
DEFAULT_HOURS = ((("09:00", "17:00"), 100),)

# Piece rates in fen for trades paid by the piece: (low, high, what a piece is).
PIECE_RATES = {
    "courier": (150, 300, "件"),
    "delivery_rider": (400, 800, "单"),
    "furniture_fitter": (6000, 15000, "件"),
}

# Short lines for descriptions, by trade. No gender, ethnicity or fees (jobs/rules.py).
DUTIES: dict[str, tuple[str, ...]] = {
    "restaurant_server": (
        "点菜、上菜、收台，高峰时段忙。",
        "负责前厅接待和传菜，会藏语更好。",
        "旅游旺季客人多，需要手脚麻利。",
    ),
    "kitchen_helper": ("择菜、切配、备料，协助厨师出菜。", "后厨打杂，保持操作台卫生。"),
    "dishwasher": ("洗碗、消毒餐具，保持后厨卫生。", "午晚两餐高峰洗碗。"),
    "cook": ("做藏餐和家常川菜，有经验者优先。", "负责面点和主食，甜茶馆常用。"),
    "room_attendant": ("客房清扫、换洗床品，按标准整理房间。", "旅游旺季客房多，每天约15间。"),
    "cleaner": ("公共区域清扫、垃圾清运。", "开荒保洁，工具由单位提供。", "办公室和楼道日常保洁。"),
    "domestic_helper": ("家庭打扫、做饭，家住附近。", "每周上门打扫两次，做事细心。"),
    "childminder": ("照看一岁半的孩子，白天在家。", "接送孩子上下学，辅导作业。"),
    "elder_carer": ("照顾家中老人起居，陪同散步、买菜。", "老人行动不便，需要耐心。"),
    "hospital_carer": ("医院陪护病人，协助翻身、喂饭。", "术后陪护，夜间值守。"),
    "mover": ("搬运家具家电，楼层有电梯。", "装卸货物，需能吃苦。", "搬家，约二十箱物品和几件家具。"),
    "security_guard": ("小区门岗值守、巡逻，登记来访车辆。", "商场夜间巡逻。"),
    "construction_labourer": ("工地小工，搬运材料、清理现场，包午饭。", "配合师傅搅拌砂浆、运料。"),
    "renovator": ("室内装修，拆旧、找平、安装。", "老房翻新，拆旧和清运垃圾。"),
    "painter": ("墙面刮腻子、刷乳胶漆。", "门窗刷漆，要求有经验。"),
    "mason": ("卫生间和厨房贴砖，自带工具更好。", "砌墙、抹灰。"),
    "carpenter": ("定制柜子安装、木门修理。", "吊顶龙骨和木作。"),
    "electrician": ("店面电路改造，需持电工证。", "更换灯具和插座，检查线路。"),
    "plumber": ("水管维修、更换龙头和马桶配件。", "暖气片检修，入冬前完成。"),
    "driver": ("开货车送货，熟悉拉萨城区道路。", "建材配送，需驾龄三年以上。"),
    "courier": ("快递分拣后派送，片区固定。", "旺季加班派件。"),
    "delivery_rider": ("城区送餐送货，自备电动车。", "午晚高峰配送。"),
    "stock_clerk": ("仓库理货、上架、盘点。", "夜班理货，按时完成补货。"),
    "shelf_installer": ("超市货架安装，按图纸组装。", "仓库货架拆装。"),
    "furniture_fitter": ("上门安装衣柜、床和桌椅。", "办公家具拆装和维修。"),
    "cashier": ("超市收银，会用扫码枪。", "门店理货和收银。"),
    "promoter": ("商场门口促销，介绍新品。", "发放宣传单页。"),
    "gardener": ("小区绿化浇水、修剪。", "花坛除草、换季栽花。"),
    "car_washer": ("洗车、内饰清洁。", "冬季室内洗车店帮工。"),
    "laundry_worker": ("酒店布草洗涤、熨烫、折叠。", "洗衣店收衣、熨烫。"),
}
PAY_NOTES = ("工资当天结清。", "按天结算。", "包一顿午饭。", "提供工作餐。", "完工后当场结算。", "可签简易用工协议。")
# Trades where a certificate is common (电工证, 焊工证, 驾驶证, 保安员证, 健康证, 育婴员证).
CERTIFIED_TRADES = frozenset(
    {
        "electrician",
        "plumber",
        "driver",
        "security_guard",
        "cook",
        "childminder",
        "elder_carer",
        "hospital_carer",
    }
)

MEETING_POINTS = (
    "{street}{n}号门口",
    "{street}与{cross}交叉口",
    "{station}门口集合",
    "{street}{n}号后门",
    "{compound}小区大门",
)

# Worker profiles: (trades they register for, in order of likelihood).
PROFILES: dict[str, tuple[str, ...]] = {
    "labourer": (
        "mover",
        "construction_labourer",
        "renovator",
        "shelf_installer",
        "stock_clerk",
        "painter",
        "mason",
        "gardener",
        "car_washer",
        "driver",
    ),
    "skilled": ("electrician", "plumber", "carpenter", "mason", "painter", "renovator", "furniture_fitter", "driver"),
    "service_f": (
        "cleaner",
        "room_attendant",
        "restaurant_server",
        "kitchen_helper",
        "dishwasher",
        "domestic_helper",
        "laundry_worker",
        "cashier",
        "elder_carer",
        "childminder",
        "hospital_carer",
    ),
    "service_m": (
        "restaurant_server",
        "kitchen_helper",
        "cook",
        "security_guard",
        "courier",
        "delivery_rider",
        "dishwasher",
        "mover",
    ),
    "guard": ("security_guard", "driver", "gardener", "cleaner", "car_washer"),
    "mother": (
        "cleaner",
        "domestic_helper",
        "restaurant_server",
        "kitchen_helper",
        "cashier",
        "childminder",
        "laundry_worker",
    ),
    "student": ("restaurant_server", "promoter", "delivery_rider", "cashier", "stock_clerk", "courier"),
}

# People from the seed articles, registered first (the demo worker is the first).
# (name, Tibetan name, sex, age, division, station, channel, profile, trades)
FEATURED_WORKERS = (
    (
        "平措次仁",
        "ཕུན་ཚོགས་ཚེ་རིང་།",
        "male",
        42,
        "540236",
        "gongdelin",
        "kiosk",
        "labourer",
        ("mover", "shelf_installer", "construction_labourer"),
    ),
    ("扎西", "བཀྲ་ཤིས།", "male", 42, "540102", "market", "kiosk", "labourer", ("renovator", "mover", "cleaner")),
    ("洛桑", "བློ་བཟང་།", "male", 46, "542301", "gongdelin", "window", "labourer", ("shelf_installer", "mover")),
    ("阿佳卓玛", "ཨ་ཅག་སྒྲོལ་མ།", "female", 45, "540102", "market", "window", "service_f", ("cleaner", "room_attendant")),
)
