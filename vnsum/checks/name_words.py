"""The word lists of the name reader: surnames, titles, organisation words, place words.

Short closed lists of Vietnamese and English news vocabulary, kept apart from the rules of
:mod:`vnsum.checks.names_norm` that use them; the long lists (places, dictionaries) are data
files read by :mod:`vnsum.checks.lexicon`.
"""

from __future__ import annotations

# An acronym may also be rendered by the bare head noun of its expansion in Vietnamese
# ("Trung ương Đảng" for the CPV's Central Committee): accepted, case-sensitive.
ACRONYM_HEADS = {"CPV": ("Đảng",), "ĐCSVN": ("Party",), "LPRP": ("Đảng",)}

SURNAMES = frozenset(
    """nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý tô đinh lâm mai trương
    đào cao lương phùng quách tạ thái triệu kiều chu khổng từ lưu la vương hứa tăng lại văn diệp
    đàm tống thân giang hà""".split()
)

TITLES_VI = (
    "đồng chí", "ông", "bà", "anh", "chị", "chủ tịch", "bí thư", "thủ tướng", "bộ trưởng", "thứ trưởng", "trưởng ban",
    "đại sứ", "giám đốc", "tổng thống", "quốc vương", "nhà vua", "đại tướng", "thượng tướng", "trung tướng", "thiếu tướng",
    "đại tá", "thượng tá", "gs", "pgs", "ts", "ths", "bác sĩ", "ủy viên", "uỷ viên", "chủ nhiệm", "người phát ngôn",
    "phát ngôn viên", "nhà báo", "nhà văn", "nghệ sĩ", "cầu thủ", "huấn luyện viên", "hlv", "thủ lĩnh", "lãnh đạo",
    "em", "cụ", "cháu", "bé", "bị cáo", "bị can", "đối tượng", "nghi phạm", "luật sư", "tổng thống", "thủ tướng",
    "chủ tịch nước", "tổng bí thư", "thị trưởng", "ca sĩ", "vận động viên", "kình ngư", "tay vợt", "kỳ thủ",
)  # fmt: skip

TITLES_EN = (
    "mr", "ms", "mrs", "dr", "president", "minister", "secretary", "chairman", "chairwoman", "chair", "member", "leader",
    "ambassador", "general", "premier", "deputy", "official", "comrade", "spokesperson", "spokesman", "spokeswoman",
    "director", "head", "king", "queen", "prince", "chief", "governor", "mayor", "professor", "prof", "colonel",
    "counterpart", "commissioner", "lieutenant", "coach", "player", "writer", "artist", "associate", "assistant", "senior",
    "senator", "congressman", "congresswoman", "lawmaker", "legislator", "judge", "envoy", "prosecutor",
)  # fmt: skip

# Capitalised Vietnamese syllables that start an organisation or title word when the
# next syllable is lower case ("Trung ương"): (capitalised, next).
VI_ORG_BIGRAMS = frozenset(
    tuple(p.split())
    for p in """trung ương;đối ngoại;nhân dân;cách mạng;cộng sản;nhà nước;quốc hội;chính phủ;chính trị;bí thư;chủ tịch;
    đại hội;nghị quyết;thỏa thuận;thoả thuận;trụ sở;thủ tướng;bộ trưởng;thứ trưởng;trưởng ban;ủy ban;uỷ ban;ủy viên;
    uỷ viên;mặt trận;tổ quốc;tổ chức;kiểm tra;thường trực;đồng chí;văn phòng;hội đồng;liên nghị;nghị viện;thông tấn;
    học viện;đại học;ngân hàng;tập đoàn;công ty;quân đội;công an;thành phố;hợp tác;đảng bộ;tổng bí;tổng thống;
    đại sứ;sứ quán;tuyên giáo;dân vận;nội chính;kinh tế;quốc phòng;ngoại giao;ngoại thương;tài chính;kế hoạch;
    đầu tư;giáo dục;y tế;tư pháp;thanh tra;tòa án;toà án;viện kiểm;kiểm sát;chủ nhiệm;phó chủ;giám đốc;tổng cục;
    hiệp hội;liên minh;liên hiệp;liên hợp;phong trào;chương trình;chiến lược;luật;hiến pháp;đại sứ quán;
    thông tư;nghị định;quyết định;chỉ thị;kết luận;báo cáo;bệnh viện;trung tâm;nhà máy;câu lạc;liên đoàn;tạp chí;
    an ninh;quân khu;cảnh sát;phòng cháy;thường vụ;bộ đội;biên phòng;hải quân;không quân;giao thông;vận tải;
    công thương;nông nghiệp;xây dựng;nội vụ;thông tin;truyền thông;văn hóa;văn hoá;thể thao;du lịch;khoa học;
    công nghệ;tài nguyên;môi trường;lao động;thương binh;xã hội;đào tạo;tổng công;chi cục;ban quản;nhà hát;
    bảo tàng;thư viện;trường đại;trường trung;học viện;viện trưởng;đài truyền;tiếng nói;nguyên đán;thượng viện;
    hạ viện;nội các;quốc vụ;toàn quyền;phu nhân;quân ủy;quân uỷ;hồi giáo;thiên chúa;phật giáo;công giáo;
    tiểu học;trung học;mầm non;cao đẳng;trường tiểu;trường mầm""".replace("\n", "").split(";")
    if len(p.split()) == 2
)

# Capitalised words that are never (part of) a person's name here.
VI_COMMON = frozenset(
    """ban bộ sở cục vụ viện đảng đoàn hội ủy uỷ ảnh ngày tháng năm phó tổng ông bà tỉnh huyện xã phường quận
    hai ba các những theo trước sau tại khi trong về với cùng đây đó này nhận tiếp đến từ vì do và của là một hãng
    mỗi lần ngoài nguồn trích ở giải""".split()
)

ORG_HEADS = frozenset("ban bộ sở cục vụ viện đảng đoàn hội ủy uỷ tỉnh huyện xã phường quận".split())

EN_COMMON = frozenset(
    """the a an he she it they we i you his her its their this that these those both on in at as for from with by of
    and but also same mr ms mrs dr politburo permanent member communist party central committee secretariat state
    vice president chairman chairwoman chair secretary general commission organisation organization inspection
    congress national resolution assembly inter parliamentary people revolutionary ministry minister prime deputy
    foreign affairs department government office agency council union front fatherland army bank university institute
    city province district head delegation headquarters agreement cooperation external relations news photo earlier
    meanwhile monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december today yesterday socialist republic democratic federation kingdom
    east west north south sea international world conference summit forum commissions parties committees
    according however after before during under over when while there here one two three new high level
    comrade chief standing executive ambassador embassy court supreme organ body board group statistics office
    service services authority administration bureau centre center association federation""".split()
) | frozenset(
    # institution vocabulary, capitalised inside translated names ("Provincial Border Guard Command")
    """command guard guards border force forces police army navy authority authorities directorate inspectorate
    procuracy provincial municipal supreme public security defense defence health education training justice
    finance trade industry transport labor labour planning investment construction culture sports tourism
    information communications science technology environment natural resources agriculture rural development
    social insurance customs taxation treasury audit court courts senate house representatives parliament
    palace hall square tower building cathedral republic""".split()
)

#: Words before a Vietnamese place name (``tỉnh Nghệ An``, ``tại Kemerovo``) and after an
#: English one (``Nghe An Province``).
PLACE_WORDS_VI = frozenset(
    """tỉnh huyện xã phường quận thị xã trấn thành phố tp q p h ấp thôn xóm làng bản phố đường sông núi đảo
    biển vịnh hồ đèo cảng sân bay chợ cầu vùng miền khu tại ở đến từ thăm quê ngụ trú bang hạt kênh""".split()
)

PLACE_WORDS_EN = frozenset(
    """province district city commune ward town township village prefecture region state county island islands
    river lake street road airport bridge mountain mountains bay beach port capital provinces districts cities
    communes wards towns villages states""".split()
)

#: English words that name what a place or an institution is, translated with it
#: (``Nara Prefecture`` ⇄ ``tỉnh Nara``, ``Bach Mai Hospital`` ⇄ ``Bệnh viện Bạch Mai``).
GENERIC_EN = PLACE_WORDS_EN | frozenset(
    """hospital university school college academy company corporation group bank stadium park hotel museum market
    center centre institute church temple pagoda station club team games festival cup league securities estate real
    industrial zone holdings corp co ltd jsc inc storm typhoon no olympic olympics average index""".split()
)

#: Lower-case words joined to a name by a hyphen that are not part of it ("Arizona-based").
HYPHEN_SUFFIXES = frozenset("based born led owned run made backed linked listed style era wide".split())

#: Vietnamese titles that only ever precede a person ("ông Định cho biết"); an office title
#: before a lone capitalised syllable may precede a body ("ủy viên Thường vụ Quân ủy").
PERSONAL_TITLES_VI = ("đồng chí", "ông", "bà", "anh", "chị", "em", "cụ", "cháu", "bé", "bị cáo", "bị can", "đối tượng")

#: Words around a person's name in reported speech: "said X", "according to X", "X told".
SPEECH_BEFORE = ("said", "according to", "told", "theo")

SPEECH_AFTER = ("said", "says", "told", "cho biết", "nói", "khẳng định")

COMPASS_VI = frozenset("đông tây nam bắc".split())  # "phía Nam": a direction, though Nam is a given name
