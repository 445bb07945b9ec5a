"""The demo's policy articles and a fortnight of questions at the windows (政策咨询).

Five articles, written by a station clerk and published by the rights officer through the services; the
texts describe the national policies in general words and send people to the window for the amounts in
force (they change by year and place). Then the questions of the last fourteen days at the stations,
each at its own moment, some anonymous, some referred, some with a follow-up still due; and one
question from a kiosk yesterday evening that still waits at the window.
"""

from __future__ import annotations

from datetime import timedelta

from lingong.policy.models import PolicyArticle
from lingong.policy.services import (
    consultation_ask,
    consultation_follow_up_done,
    consultation_record,
    policy_article_create,
    policy_article_publish,
    policy_article_submit,
)

from . import life

ARTICLES = (
    {
        "topic": "social_insurance",
        "title_zh": "灵活就业人员社会保险补贴",
        "title_bo": "ལས་ཀ་འགྱུར་ཅན་གྱི་ལས་མིའི་སྤྱི་ཚོགས་འགན་ལེན་རོགས་དངུལ།",
        "summary_zh": "以个人身份参加社会保险的灵活就业人员，符合条件的可以申请社会保险补贴。",
        "summary_bo": "མི་སྒེར་གྱི་ཐོབ་ཐང་ཐོག་ནས་སྤྱི་ཚོགས་འགན་ལེན་ལ་ཞུགས་པའི་ལས་མི་ཆ་རྐྱེན་དང་མཐུན་ན་རོགས་དངུལ་ཞུ་ཆོག",
        "body_zh": (
            "谁可以申请：打零工、做灵活就业，以个人身份缴纳养老保险、医疗保险的人员中，"
            "被认定为就业困难人员的，以及符合条件的离校未就业高校毕业生。\n\n"
            "补贴什么：对已经缴纳的社会保险费给予一部分补贴，补贴有期限，先缴费后补贴。\n\n"
            "怎么办：带身份证和社保缴费记录，到驿站窗口咨询，工作人员帮您看是否符合条件，"
            "再到街道（社区）或区人社部门申请。\n\n"
            "补贴的比例、金额和期限会调整，请到窗口问现行标准。"
        ),
        "body_bo": (
            "སུས་ཞུ་ཆོག ལས་ཀ་ཐོར་བུ་བྱེད་མཁན་དང་མི་སྒེར་གྱིས་རྒས་གསོ་དང་སྨན་བཅོས་འགན་ལེན་གྱི་འབབ་དངུལ་སྤྲོད་མཁན་ལས། "
            "ལས་ཞུགས་དཀའ་ངལ་ཅན་དུ་ངོས་འཛིན་བྱས་པ་དང་ཆ་རྐྱེན་དང་མཐུན་པའི་སློབ་གྲྭ་ཆེན་མོ་ནས་མཐར་ཕྱིན་པའི་སློབ་མ།\n\n"
            "ཅི་ཞིག་ལ་རོགས་དངུལ་སྤྲོད། སྤྲད་ཟིན་པའི་སྤྱི་ཚོགས་འགན་ལེན་འབབ་དངུལ་གྱི་ཆ་ཤས་ཤིག་ལ་རོགས་དངུལ་སྤྲོད། "
            "དུས་ཚད་ཡོད། སྔོན་ལ་འབབ་དངུལ་སྤྲོད་དགོས།\n\n"
            "ཇི་ལྟར་བྱེད། ངོ་རྟགས་ལག་ཁྱེར་དང་འབབ་དངུལ་སྤྲད་པའི་ཐོ་ཁྱེར་ནས་བབ་ཚུགས་ཀྱི་སྒེའུ་ཁུང་དུ་དྲིས། "
            "ལས་བྱེད་པས་ཆ་རྐྱེན་ལ་བལྟས་རྗེས་ཁྲོམ་གཞུང་ངམ་ཆུས་ཀྱི་མི་ཤུགས་ལས་ཁུངས་སུ་ཞུ་བ་འབུལ།\n\n"
            "རོགས་དངུལ་གྱི་ཚད་དང་དུས་ཚད་འགྱུར་སྲིད། ད་ལྟའི་ཚད་གཞི་སྒེའུ་ཁུང་དུ་དྲི་རོགས།"
        ),
    },
    {
        "topic": "training",
        "title_zh": "职业技能培训补贴",
        "title_bo": "ལག་རྩལ་སྦྱོང་བརྡར་གྱི་རོགས་དངུལ།",
        "summary_zh": "参加人社部门认定的职业技能培训并取得证书的，可以按规定申请培训补贴。",
        "summary_bo": "མི་ཤུགས་ལས་ཁུངས་ཀྱིས་ངོས་འཛིན་བྱས་པའི་ལག་རྩལ་སྦྱོང་བརྡར་ལ་ཞུགས་ནས་ལག་ཁྱེར་ཐོབ་ན་རོགས་དངུལ་ཞུ་ཆོག",
        "body_zh": (
            "学一门手艺，活更好找。人社部门认定的培训机构常年开班，如电工、焊工、家政、烹饪、藏式建筑彩绘等。\n\n"
            "培训结束取得职业资格证书、职业技能等级证书或专项职业能力证书的，可以按规定申请培训补贴；"
            "就业困难人员、农牧民转移就业人员等，培训期间还可能有生活费补贴。\n\n"
            "怎么办：到驿站窗口报名，问清近期开班的工种、时间和地点。培训后凭证书和身份证申请补贴。\n\n"
            "补贴金额按工种和证书等级不同，请到窗口问。"
        ),
        "body_bo": (
            "ལག་རྩལ་ཞིག་སྦྱངས་ན་ལས་ཀ་རྙེད་སླ། མི་ཤུགས་ལས་ཁུངས་ཀྱིས་ངོས་འཛིན་བྱས་པའི་སྦྱོང་བརྡར་ཁང་དུ་ལོ་གང་པོར་འཛིན་གྲྭ་འཚོགས། "
            "དཔེར་ན། གློག་ལས། ལྕགས་སྦྱར། ཁྱིམ་ལས། ཟ་མ་བཟོ་བ། བོད་ལུགས་རི་མོ་སོགས།\n\n"
            "སྦྱོང་བརྡར་མཇུག་རྫོགས་ནས་ལག་རྩལ་ལག་ཁྱེར་ཐོབ་ན་སྒྲིག་གཞི་ལྟར་རོགས་དངུལ་ཞུ་ཆོག "
            "ལས་ཞུགས་དཀའ་ངལ་ཅན་དང་ཞིང་འབྲོག་པ་སོགས་ལ་སྦྱོང་བརྡར་སྐབས་ཀྱི་འཚོ་བའི་རོགས་དངུལ་ཡང་ཡོད་སྲིད།\n\n"
            "ཇི་ལྟར་བྱེད། བབ་ཚུགས་ཀྱི་སྒེའུ་ཁུང་དུ་མིང་འགོད་བྱས་ནས་འཛིན་གྲྭའི་ལས་རིགས་དང་དུས་ཚོད། ས་གནས་དྲིས།\n\n"
            "རོགས་དངུལ་གྱི་ཚད་ལས་རིགས་དང་ལག་ཁྱེར་གྱི་རིམ་པ་ལྟར་མི་འདྲ། སྒེའུ་ཁུང་དུ་དྲི་རོགས།"
        ),
    },
    {
        "topic": "wage_arrears",
        "title_zh": "工钱被拖欠怎么办",
        "title_bo": "གླ་ཕོགས་མ་སྤྲད་ན་ཅི་བྱེད།",
        "summary_zh": "保存好证据，先协商；协商不成，可以打 12333、向劳动保障监察投诉，或到驿站找维权专员。",
        "summary_bo": "དཔང་རྟགས་ཉར། སྔོན་ལ་གྲོས་མོལ་བྱེད། མ་འགྲིག་ན་ 12333 ལ་ཁ་པར་གཏོང་བའམ་བབ་ཚུགས་ཀྱི་ཐོབ་ཐང་སྲུང་སྐྱོབ་ལས་བྱེད་པར་འཚོལ།",
        "body_zh": (
            "《保障农民工工资支付条例》规定，工资应当以货币形式按时足额支付给本人。\n\n"
            "第一步，保存证据：用工协议、考勤或签到记录、工资条、转账记录、聊天记录、工友的证明。\n\n"
            "第二步，和雇主协商。协商不成，可以：拨打 12333 人社服务热线咨询；"
            "向劳动保障监察机构投诉举报；申请劳动争议调解或仲裁。\n\n"
            "在驿站窗口可以找维权专员，帮您登记、调解，或转交有关部门。\n\n"
            "请通过正当途径维权，不要采取过激行为。"
        ),
        "body_bo": (
            "ཞིང་འབྲོག་ལས་མིའི་གླ་ཕོགས་སྤྲོད་པར་འགན་ལེན་བྱེད་པའི་སྒྲིག་སྲོལ་ལྟར། གླ་ཕོགས་དངུལ་ལོར་དུས་ཐོག་ཚང་མ་སྤྲོད་དགོས།\n\n"
            "རིམ་པ་དང་པོ། དཔང་རྟགས་ཉར། གྲོས་མཐུན་ཡིག་ཆ། ལས་ཁར་འབྱོར་ཐོ། གླ་ཕོགས་ཤོག་བྱང་། དངུལ་སྤྲོད་ཐོ། "
            "ཐུང་འཕྲིན། ལས་རོགས་ཀྱི་དཔང་པོ།\n\n"
            "རིམ་པ་གཉིས་པ། ལས་བདག་དང་གྲོས་མོལ་བྱེད། མ་འགྲིག་ན། 12333 ལ་ཁ་པར་གཏོང་། "
            "ལས་ཀའི་འགན་ལེན་ལྟ་ཞིབ་ལས་ཁུངས་སུ་ཞུ་གཏུག་བྱེད། བར་འདུམ་ངམ་ཁྲིམས་དཔྱད་ཞུ།\n\n"
            "བབ་ཚུགས་ཀྱི་སྒེའུ་ཁུང་དུ་ཐོབ་ཐང་སྲུང་སྐྱོབ་ལས་བྱེད་པས་ཐོ་འགོད་དང་བར་འདུམ་བྱེད་ཐུབ།\n\n"
            "ཁྲིམས་མཐུན་ལམ་ནས་ཐོབ་ཐང་སྲུང་རོགས།"
        ),
    },
    {
        "topic": "injury",
        "title_zh": "干活受伤：工伤保险和“单工伤”",
        "title_bo": "ལས་ཀ་བྱེད་སྐབས་རྨས་ན། ལས་ཀའི་རྨས་སྐྱོན་འགན་ལེན།",
        "summary_zh": "工伤保险由用人单位缴费，个人不缴。受了伤先就医、告诉雇主、保留证据，尽快申请工伤认定。",
        "summary_bo": "ལས་ཀའི་རྨས་སྐྱོན་འགན་ལེན་གྱི་འབབ་དངུལ་ལས་བདག་གིས་སྤྲོད། རྨས་ན་སྔོན་ལ་སྨན་བཅོས་བྱེད། ལས་བདག་ལ་ཤོད། དཔང་རྟགས་ཉར།",
        "body_zh": (
            "工伤保险费由用人单位缴纳，职工个人不缴费。建筑等行业可以按项目参加工伤保险；"
            "一些地方允许单位为不建立劳动关系的人员单独参加工伤保险（常说的“单工伤”）。\n\n"
            "受了伤：马上就医，告诉雇主和工友；保存好病历、票据、现场照片和用工证明。\n\n"
            "工伤认定要在规定时限内向人社部门申请，单位不申请的，本人或近亲属也可以申请。请尽快办理。\n\n"
            "您的雇主有没有为您参保、怎么申请，请到窗口问。"
        ),
        "body_bo": (
            "ལས་ཀའི་རྨས་སྐྱོན་འགན་ལེན་གྱི་འབབ་དངུལ་ལས་བདག་གིས་སྤྲོད། ལས་མི་རང་གིས་མི་སྤྲོད། "
            "ས་གནས་ཁ་ཤས་སུ་ལས་བདག་གིས་ལས་མི་ཐོར་བུ་ཆེད་དུ་རྨས་སྐྱོན་འགན་ལེན་ཁེར་རྐྱང་ལ་ཞུགས་ཆོག\n\n"
            "རྨས་ན། མྱུར་དུ་སྨན་བཅོས་བྱེད། ལས་བདག་དང་ལས་རོགས་ལ་ཤོད། ནད་ཐོ་དང་ཤོག་འཛིན། པར། ལས་ཀ་བྱས་པའི་དཔང་རྟགས་ཉར།\n\n"
            "ལས་ཀའི་རྨས་སྐྱོན་ངོས་འཛིན་དུས་ཚད་ནང་ཞུ་དགོས། ལས་བདག་གིས་མ་ཞུས་ན་རང་ངམ་ཉེ་ཚན་གྱིས་ཞུ་ཆོག མྱུར་དུ་བྱེད་རོགས།\n\n"
            "ཞིབ་ཕྲ་སྒེའུ་ཁུང་དུ་དྲི་རོགས།"
        ),
    },
    {
        "topic": "business",
        "title_zh": "想自己做小生意：个体工商户登记",
        "title_bo": "ཚོང་ཆུང་བྱེད་འདོད་ན། མི་སྒེར་ཚོང་ལས་ཐོ་འགོད།",
        "summary_zh": "开小吃摊、修理铺、跑运输，可以登记为个体工商户，领营业执照。",
        "summary_bo": "ཟ་ཁང་ཆུང་ཆུང་། བཟོ་བཅོས་ཁང་། འདྲེན་སྐྱེལ་སོགས་བྱེད་ན་མི་སྒེར་ཚོང་ལས་སུ་ཐོ་འགོད་བྱས་ནས་ཚོང་ལག་ཁྱེར་ལེན་ཆོག",
        "body_zh": (
            "带身份证和经营场所的证明，到政务服务中心的市场监督管理窗口办理，也可以在网上办理。\n\n"
            "登记后领取营业执照。卖吃的等行业还要办理相应的许可，例如食品经营许可。\n\n"
            "自主创业的，可能有创业担保贷款和创业补贴，条件和金额请到窗口问。"
        ),
        "body_bo": (
            "ངོ་རྟགས་ལག་ཁྱེར་དང་ཚོང་ཁང་གི་དཔང་ཡིག་ཁྱེར་ནས་སྲིད་གཞུང་ཞབས་ཞུ་ལྟེ་གནས་ཀྱི་ཁྲོམ་ར་ལྟ་ཞིབ་སྒེའུ་ཁུང་དུ་ཕེབས། "
            "དྲ་ཐོག་ནས་ཀྱང་བྱེད་ཆོག\n\n"
            "ཐོ་འགོད་བྱས་རྗེས་ཚོང་ལག་ཁྱེར་ལེན། ཟས་རིགས་འཚོང་ན་ཆོག་མཆན་གཞན་ཡང་དགོས།\n\n"
            "རང་ཉིད་ཀྱིས་ཚོང་ལས་གསར་འཛུགས་བྱེད་ན་འགན་ལེན་བུ་ལོན་དང་རོགས་དངུལ་ཡོད་སྲིད། སྒེའུ་ཁུང་དུ་དྲི་རོགས།"
        ),
    },
)

# (days ago, hour, station, topic, question, answer, referral, referral note, follow-up in days, worker?)
QUESTIONS = (
    (
        13,
        10,
        "market",
        "wage_arrears",
        "包工头欠了一个月工钱",
        "让他整理考勤和转账记录，转维权专员登记",
        "rights_officer",
        "维权窗口",
        2,
        True,
    ),
    (
        12,
        11,
        "market",
        "social_insurance",
        "灵活就业交社保有补贴吗",
        "就业困难人员可申请，先带身份证认定",
        "none",
        "",
        None,
        False,
    ),
    (
        11,
        15,
        "jinzhu-xilu",
        "training",
        "想学电工",
        "下月有电工班，已登记报名意向",
        "training_course",
        "区人社局电工培训班",
        5,
        True,
    ),
    (
        10,
        9,
        "market",
        "injury",
        "搬东西扭伤了腰，老板不管",
        "先就医保留票据，工伤认定要尽快申请",
        "other_office",
        "区人社局工伤科",
        None,
        True,
    ),
    (
        9,
        16,
        "gongdelin",
        "business",
        "想开个甜茶馆",
        "带身份证和场地证明去政务服务中心办执照",
        "other_office",
        "政务服务中心市场监管窗口",
        None,
        False,
    ),
    (
        8,
        10,
        "market",
        "wage_arrears",
        "工地不给结账",
        "拨打 12333，也已转维权专员",
        "rights_officer",
        "维权专员",
        1,
        False,
    ),
    (
        7,
        14,
        "gama-gongsang",
        "training",
        "家政培训什么时候开班",
        "近期有家政班，告诉她报名方式",
        "training_course",
        "家政服务培训班",
        None,
        False,
    ),
    (
        6,
        11,
        "market",
        "social_insurance",
        "补贴多少钱",
        "标准每年调整，按现行标准答复并给了材料清单",
        "none",
        "",
        None,
        True,
    ),
    (
        5,
        10,
        "jinzhu-xilu",
        "other",
        "怎么开收入证明",
        "告诉他去社区开具",
        "other_office",
        "所在社区居委会",
        None,
        False,
    ),
    (4, 15, "market", "injury", "单工伤是什么", "解释了单独参加工伤保险，建议和雇主商量", "none", "", None, False),
    (
        3,
        10,
        "gongdelin",
        "wage_arrears",
        "装修活干完没给钱",
        "帮他整理证据，转维权专员",
        "rights_officer",
        "维权窗口",
        3,
        True,
    ),
    (
        2,
        9,
        "market",
        "training",
        "厨师证怎么考",
        "介绍了培训和证书，登记了意向",
        "training_course",
        "中式烹调培训班",
        4,
        False,
    ),
    (
        1,
        16,
        "market",
        "social_insurance",
        "医保断缴了怎么办",
        "说明了续缴办法，到医保窗口办理",
        "other_office",
        "区医保局窗口",
        None,
        False,
    ),
)


class PolicySteps:
    """Mixed into the demo builder: `make_policy` after the people and their lives."""

    def make_policy(self) -> None:
        writer, reviewer = self.accounts.get("staff-market"), self.accounts.get("rights")
        if writer is None or reviewer is None or PolicyArticle.objects.exists():
            return
        start = self.midnight - timedelta(days=20)
        by_topic = {}
        for n, texts in enumerate(ARTICLES):
            texts = dict(texts)
            with life.moment(start + timedelta(hours=9, minutes=10 * n)):
                article = policy_article_create(actor=writer, **texts)
                policy_article_submit(article=article, actor=writer)
            with life.moment(start + timedelta(days=1, hours=10, minutes=10 * n)):
                article = policy_article_publish(article=article, actor=reviewer)
            by_topic[article.topic] = article
        workers = [w.obj for w in self.workers[:40]]
        for n, (ago, hour, code, topic, question, answer, referral, note, follow, named) in enumerate(QUESTIONS):
            station = self.stations.get(code)
            clerk = self.staff_by_station.get(station.pk) if station is not None else None
            if clerk is None:
                continue
            day = self.today - timedelta(days=ago)
            at = self.at(day, hour * 60 + 7 * n % 50)
            worker = next((w for w in workers if w.registered_station_id == station.pk), None) if named else None
            with life.moment(at):
                consultation = consultation_record(
                    actor=clerk,
                    station=station,
                    channel="phone" if n % 4 == 3 else "window",
                    topic=topic,
                    question=question,
                    answer=answer,
                    referral=referral,
                    referral_note=note,
                    follow_up_on=day + timedelta(days=follow) if follow else None,
                    worker=worker,
                    article=by_topic.get(topic),
                )
            if follow and day + timedelta(days=follow) < self.today - timedelta(days=2):
                with life.moment(self.at(day + timedelta(days=follow), 11 * 60)):
                    consultation_follow_up_done(consultation=consultation, actor=clerk)
        station = self.stations.get("market")
        if station is not None:
            with life.moment(self.midnight - timedelta(minutes=40)):
                consultation_ask(
                    station=station, topic="wage_arrears", channel="kiosk", article=by_topic.get("wage_arrears")
                )
