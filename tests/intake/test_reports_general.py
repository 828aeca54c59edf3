"""Memberships, meetings, attendance, coalition sizes and agreements in the many ways wire
and newspaper copy reports them: verbs, tenses and voices, subject forms (demonyms,
capitals, titled people, lists, "both"), and the position of the fact (relative clauses,
appositions, participles), with hard negatives. Every sentence is written for these tests.

Each row is a text and the set of (actor, claim, detail) it states: ``detail`` is the
membership status or attendance role, the count of a size report, else "".
"""

from __future__ import annotations

import pytest

from intake.extraction.actors import ActorRecord, Gazetteer
from intake.extraction.extractor import Extractor
from tests.intake.conftest import NON_COUNTRY_ACTORS
from tests.intake.readers import facts

pytestmark = pytest.mark.django_db

# The organisations these sentences name, as data/actors.yaml defines them.
ORGANISATIONS = [
    ActorRecord("EU", "European Union", aliases=("EU", "the EU", "the European Union")),
    ActorRecord("ARAB_LEAGUE", "League of Arab States", aliases=("Arab League", "the Arab League")),
    ActorRecord("GCC", "Gulf Cooperation Council", aliases=("GCC", "the Gulf Cooperation Council")),
]


@pytest.fixture(scope="module")
def extractor(django_db_setup, django_db_blocker) -> Extractor:
    with django_db_blocker.unblock():
        return Extractor(Gazetteer.from_db(extra=[*NON_COUNTRY_ACTORS, *ORGANISATIONS]))


M, MT, A, S, G = "membership", "meeting", "attendance", "size_report", "agreement"
C = "COALITION"

MEMBERSHIPS = [
    (
        "Nigeria on Tuesday became the latest member of the US-led coalition against the "
        "Islamic State group.",
        {("NGA", M, "member")},
    ),
    (
        "Afghanistan has signed up to the international coalition fighting Islamic State "
        "militants, officials said.",
        {("AFG", M, "member")},
    ),
    (
        "Malaysia and Tunisia were formally welcomed into the coalition on Monday.",
        {("MYS", M, "member"), ("TUN", M, "member")},
    ),
    (
        "Panama, which joined the coalition in 2015, has offered to help cut off the "
        "militants' financing.",
        {("PAN", M, "member")},
    ),
    (
        "The Dutch government said on Friday it would enlist in the alliance against the "
        "jihadists.",
        {("NLD", M, "member")},
    ),
    (
        "Peru, a coalition member since 2016, sent two officers to the headquarters in Kuwait.",
        {("PER", M, "member")},
    ),
    ("Somalia is set to join the coalition next month, officials said.", {("SOM", M, "member")}),
    (
        "Both Iraq and Jordan are founding members of the coalition.",
        {("IRQ", M, "member"), ("JOR", M, "member")},
    ),
    (
        "Italy, Spain and Portugal have all joined the coalition, bringing its membership to 65.",
        {("ITA", M, "member"), ("ESP", M, "member"), ("PRT", M, "member"), (C, S, 65)},
    ),
    (
        "The coalition has grown steadily since September. Among its newest members are "
        "Morocco and Tunisia.",
        {("MAR", M, "member"), ("TUN", M, "member")},
    ),
    (
        "Greece as well as Cyprus signed on to the coalition last week.",
        {("GRC", M, "member"), ("CYP", M, "member")},
    ),
    (
        "German Chancellor Angela Merkel said Germany would become a full partner in the "
        "coalition.",
        {("DEU", M, "member")},
    ),
    (
        "Canberra said it had joined the coalition after a cabinet meeting on Sunday.",
        {("AUS", M, "member")},
    ),
    (
        "Foreign Minister Ana Lopez of Colombia said her country had become a member of the "
        "coalition.",
        {("COL", M, "member")},
    ),
    (
        "Montenegro, Albania and North Macedonia are among the coalition's newest members.",
        {("MNE", M, "member"), ("ALB", M, "member"), ("MKD", M, "member")},
    ),
    ("Qatar has quit the coalition, the foreign ministry announced.", {("QAT", M, "withdrawn")}),
    (
        "Iran refused to join the US-led coalition, saying it would fight the militants alone.",
        {("IRN", M, "declined")},
    ),
    (
        "Saudi Arabia is part of the coalition and has flown missions over Syria.",
        {("SAU", M, "member")},
    ),
    (
        "The United Arab Emirates suspended its participation in the coalition after the "
        "pilot was captured.",
        {("ARE", M, "suspended")},
    ),
    (
        "Several Arab nations, among them Bahrain and Qatar, have joined the coalition.",
        {("BHR", M, "member"), ("QAT", M, "member")},
    ),
    (
        "Five more countries, including Nigeria, joined the coalition on Friday.",
        {("NGA", M, "member")},
    ),
    ("The Dutch joined the coalition in September.", {("NLD", M, "member")}),
    (
        "Sweden became the latest country to join the coalition training Ukrainian pilots on "
        "F-16 jets.",
        {("SWE", M, "member")},
    ),
    (
        "Denmark and Norway announced their decision on Monday. The two countries joined the "
        "coalition a week later.",
        {("DNK", M, "member"), ("NOR", M, "member")},
    ),
    (
        "Singapore's accession to the coalition was announced on Wednesday.",
        {("SGP", M, "member")},
    ),
    # hard negatives
    ("Kerry pressed Turkey to join the coalition.", set()),
    ("Egypt may join the coalition if the United Nations backs it, diplomats said.", set()),
    ("Lebanon has been urged to join the coalition.", set()),
    (
        "Japan, though not a member of the coalition, has given $200 million in aid.",
        set(),
    ),
    ("Indonesia is considering whether to join the coalition.", set()),
]

SIZES = [
    ("The 60-member coalition has carried out more than 2,000 air strikes.", {(C, S, 60)}),
    ("Some 60 nations have signed up to the campaign against the group.", {(C, S, 60)}),
    (
        "The coalition grew to 68 members with the addition of Nigeria and Tunisia.",
        {(C, S, 68), ("NGA", M, "member"), ("TUN", M, "member")},
    ),
    (
        "More than 40 countries are now taking part in the coalition, US officials said.",
        {(C, S, 40)},
    ),
    ("The alliance of 62 nations and organisations vowed to keep up the pressure.", {(C, S, 62)}),
    ("The coalition now numbers 66 countries.", {(C, S, 66)}),
    ("Membership of the coalition has swelled to 74.", {(C, S, 74)}),
    (
        "A coalition of about 30 countries has pledged to supply Ukraine with long-range drones.",
        {("", S, 30)},
    ),
    (
        "Officials from the 79-member coalition gathered in Rome on Thursday.",
        {(C, S, 79), ("", MT, "")},
    ),
    (
        "With Kenya's entry, the coalition's membership stands at 86.",
        {(C, S, 86), ("KEN", M, "member")},
    ),
    ("A total of 68 countries belong to the coalition.", {(C, S, 68)}),
    ("Eighty-three countries and organisations are members of the coalition.", {(C, S, 83)}),
    ("The coalition is made up of 65 nations.", {(C, S, 65)}),
    ("The coalition, which has 70 members, met in Kuwait.", {(C, S, 70), ("", MT, "")}),
    (
        "Thirty-two nations have now joined the coalition backing Ukraine's air force.",
        {("", S, 32)},
    ),
    # hard negatives
    ("The coalition carried out 17 air strikes on Sunday.", set()),
    ("The conference drew delegates from 30 countries.", {("", MT, "")}),
]

MEETINGS = [
    (
        "France will host an international conference on Iraq's security in Paris on Monday.",
        {("FRA", MT, "")},
    ),
    (
        "Foreign ministers from the coalition met in Brussels on Wednesday to review the campaign.",
        {("", MT, "")},
    ),
    (
        "Britain and Iraq co-chaired the meeting at Lancaster House.",
        {("GBR", MT, ""), ("IRQ", MT, "")},
    ),
    ("Defence ministers of the coalition will meet in Paris next month.", {("", MT, "")}),
    ("Germany is hosting the next round of talks.", {("DEU", MT, "")}),
    (
        "US Defense Secretary Lloyd Austin chaired the meeting of the Ukraine Defense Contact "
        "Group at Ramstein Air Base.",
        {("USA", MT, "")},
    ),
    (
        "A planned meeting of coalition defence chiefs in Amman was called off because of the "
        "weather.",
        {("", MT, "")},
    ),
    ("Canberra will co-host the gathering with Wellington.", {("AUS", MT, ""), ("NZL", MT, "")}),
    (
        "Jordan's King Abdullah hosted coalition military chiefs at a meeting outside Amman on "
        "Tuesday.",
        {("JOR", MT, "")},
    ),
    ("Italy hosted the coalition's ministerial in Rome in June.", {("ITA", MT, "")}),
    ("The meeting was held at NATO headquarters in Brussels.", {("", MT, "")}),
    (
        "Ministers will gather in London on Thursday for talks on the coalition's strategy, "
        "with British Foreign Secretary Philip Hammond in the chair.",
        {("GBR", MT, "")},
    ),
    (
        "Poland will host the next meeting of the coalition's defence ministers in Warsaw.",
        {("POL", MT, "")},
    ),
    ("The talks were held in Kuwait City.", {("", MT, "")}),
    ("Ministers met at a hotel in Doha, the Qatari capital, on Monday.", {("", MT, "")}),
    # hard negatives
    ("The cabinet meeting in Copenhagen approved the deployment.", set()),
    (
        "US Secretary of State John Kerry held talks with Turkish President Recep Tayyip "
        "Erdogan in Ankara.",
        set(),
    ),
]

ATTENDANCE = [
    (
        "Foreign ministers from Egypt, Jordan and Lebanon attended the talks in Jeddah.",
        {("EGY", A, "attended"), ("JOR", A, "attended"), ("LBN", A, "attended"), ("", MT, "")},
    ),
    (
        "Turkey sent its foreign minister to the conference but declined to sign the final "
        "communique.",
        {("TUR", A, "attended"), ("", MT, "")},
    ),
    ("Iran was not invited to the Paris conference.", {("IRN", A, "not_invited"), ("", MT, "")}),
    (
        "Representatives of Qatar and Kuwait took part in the meeting.",
        {("QAT", A, "attended"), ("KWT", A, "attended"), ("", MT, "")},
    ),
    (
        "The meeting, attended by Britain, France and Germany, ended without a deal.",
        {("GBR", A, "attended"), ("FRA", A, "attended"), ("DEU", A, "attended"), ("", MT, "")},
    ),
    (
        "Ministers from Denmark and Norway met in Oslo on Friday.",
        {("DNK", A, "attended"), ("NOR", A, "attended"), ("", MT, "")},
    ),
    ("Russia stayed away from the conference.", {("RUS", A, "declined"), ("", MT, "")}),
    ("Saudi Arabia boycotted the meeting in protest.", {("SAU", A, "declined"), ("", MT, "")}),
    ("Syria was absent from the talks.", {("SYR", A, "declined"), ("", MT, "")}),
    (
        "Australia's defence minister, speaking at the meeting in Brussels, said more trainers "
        "would be sent.",
        {("AUS", A, "attended"), ("", MT, "")},
    ),
    (
        "The Netherlands was represented at the summit by its defence minister.",
        {("NLD", A, "attended"), ("", MT, "")},
    ),
    (
        "Coalition ministers met in London on Thursday. Among those attending were the foreign "
        "ministers of Italy and Spain.",
        {("ITA", A, "attended"), ("ESP", A, "attended"), ("", MT, "")},
    ),
    (
        "Canada will send Defence Minister Harjit Sajjan to the Paris meeting.",
        {("CAN", A, "attended"), ("", MT, "")},
    ),
    (
        "Japan is expected to attend the conference as an observer.",
        {("JPN", A, "attended"), ("", MT, "")},
    ),
    (
        "Iraqi Prime Minister Haider al-Abadi joined the talks on Tuesday.",
        {("IRQ", A, "attended"), ("", MT, "")},
    ),
    (
        "The ministers met in Paris on Monday. Also present were delegations from the Arab "
        "League and the European Union.",
        {("ARAB_LEAGUE", A, "attended"), ("EU", A, "attended"), ("", MT, "")},
    ),
    (
        "Neither Russia nor China took part in the meeting.",
        {("RUS", A, "declined"), ("CHN", A, "declined"), ("", MT, "")},
    ),
    (
        "The gathering drew ministers from some 20 countries, including Poland and Romania.",
        {("POL", A, "attended"), ("ROU", A, "attended"), ("", MT, "")},
    ),
    (
        "Ukrainian Defence Minister Oleksii Reznikov attended the Ramstein meeting by video link.",
        {("UKR", A, "attended"), ("", MT, "")},
    ),
    (
        "US Secretary of State John Kerry arrived in Paris on Sunday. The talks were chaired "
        "by Kerry, with the foreign ministers of Britain, France and Germany also taking part.",
        {("USA", MT, ""), ("GBR", A, "attended"), ("FRA", A, "attended"), ("DEU", A, "attended")},
    ),
    (
        "Belgium as well as Luxembourg took part in the summit.",
        {("BEL", A, "attended"), ("LUX", A, "attended"), ("", MT, "")},
    ),
    (
        "Both Greece and Cyprus were represented at the conference.",
        {("GRC", A, "attended"), ("CYP", A, "attended"), ("", MT, "")},
    ),
    # hard negatives: a place, an urging
    (
        "French President Francois Hollande urged Germany to attend the conference.",
        {("", MT, "")},
    ),
]

AGREEMENTS = [
    (
        "Saudi Arabia, Egypt and Jordan signed a communique in Jeddah pledging to stand with "
        "the coalition.",
        {("SAU", G, ""), ("EGY", G, ""), ("JOR", G, "")},
    ),
    (
        "Turkey attended the meeting but refused to sign the communique.",
        {("TUR", A, "attended"), ("", MT, "")},
    ),
    (
        "Lithuania, Latvia and Estonia have put their names to the G7 declaration on security "
        "guarantees for Ukraine.",
        {("LTU", G, ""), ("LVA", G, ""), ("EST", G, "")},
    ),
    (
        "The joint statement was endorsed by Canada, Japan and South Korea.",
        {("CAN", G, ""), ("JPN", G, ""), ("KOR", G, "")},
    ),
    (
        "Romania initialled the security agreement with Ukraine on Thursday.",
        {("ROU", G, ""), ("UKR", G, "")},
    ),
    ("Finland backed the declaration, its foreign ministry said.", {("FIN", G, "")}),
    ("Norway acceded to the declaration in September.", {("NOR", G, "")}),
    (
        "Twenty-six countries, including the United States, France and Britain, pledged in a "
        "final communique to help Iraq.",
        {("USA", G, ""), ("FRA", G, ""), ("GBR", G, "")},
    ),
    (
        "Germany and Ukraine have signed a 10-year security pact, Chancellor Olaf Scholz said.",
        {("DEU", G, ""), ("UKR", G, "")},
    ),
    (
        "The document was signed by the defence ministers of Poland, Slovakia and the Czech "
        "Republic.",
        {("POL", G, ""), ("SVK", G, ""), ("CZE", G, "")},
    ),
    (
        "Ukrainian President Volodymyr Zelensky and Portuguese Prime Minister Luis Montenegro "
        "signed the agreement in Brussels.",
        {("UKR", G, ""), ("PRT", G, "")},
    ),
    ("The Netherlands became the 20th country to sign the declaration.", {("NLD", G, "")}),
    (
        "Italian Prime Minister Giorgia Meloni met Ukrainian President Volodymyr Zelensky in "
        "Kyiv on Saturday. Both countries signed a memorandum on defence cooperation.",
        {("ITA", G, ""), ("UKR", G, "")},
    ),
    ("Sweden joined the declaration on Tuesday, as did Denmark.", {("SWE", G, ""), ("DNK", G, "")}),
    (
        "The communique, issued by the foreign ministers of the Gulf Cooperation Council, "
        "backed the strikes.",
        {(code, G, "") for code in ("SAU", "ARE", "QAT", "KWT", "BHR", "OMN")},
    ),
    (
        "London and Kyiv signed a 100-year partnership agreement on Thursday.",
        {("GBR", G, ""), ("UKR", G, "")},
    ),
    (
        "A security agreement between Ukraine and Canada was signed in Ottawa.",
        {("UKR", G, ""), ("CAN", G, "")},
    ),
    # hard negatives
    ("Spain is expected to sign a bilateral security deal with Kyiv next week.", set()),
    ("Greece is studying the text of the declaration.", set()),
    ("Ukraine wants a security pact with Washington.", set()),
]

# A second set, written after the first was fixed and scored before any change for it.
SECOND = [
    (
        "The Netherlands, Belgium and Denmark have also agreed to join the coalition, which "
        "Washington has been assembling since early September.",
        {("NLD", M, "member"), ("BEL", M, "member"), ("DNK", M, "member")},
    ),
    (
        "Australia is among more than 40 countries that have agreed to contribute to the "
        "coalition.",
        {("AUS", M, "member"), (C, S, 40)},
    ),
    (
        "Qatar, which hosts the largest US air base in the region, has joined the coalition.",
        {("QAT", M, "member")},
    ),
    (
        "Lebanon's foreign minister said his country would take part in the coalition.",
        {("LBN", M, "member")},
    ),
    ("Jordan is a key member of the coalition.", {("JOR", M, "member")}),
    (
        "Germany is not taking part in the air strikes but is a member of the coalition.",
        {("DEU", M, "member")},
    ),
    ("Chile declined to join the coalition.", {("CHL", M, "declined")}),
    ("Austria left the coalition in 2016.", {("AUT", M, "withdrawn")}),
    (
        "Bahrain and Kuwait, both of them coalition partners, offered their air bases.",
        {("BHR", M, "member"), ("KWT", M, "member")},
    ),
    ("Turkey is one of 68 countries in the coalition.", {("TUR", M, "member"), (C, S, 68)}),
    (
        "The US-led coalition, made up of some 60 countries, has struck oil facilities.",
        {(C, S, 60)},
    ),
    ("The number of countries in the coalition rose to 60.", {(C, S, 60)}),
    ("The coalition now totals 79 members.", {(C, S, 79)}),
    ("Some 40 countries signed up to the air-defence coalition for Ukraine.", {("", S, 40)}),
    ("Dozens of countries have joined the coalition.", set()),
    ("Coalition defence ministers are due to meet in Brussels on Thursday.", {("", MT, "")}),
    (
        "The Jeddah talks were convened by Saudi King Abdullah.",
        {("SAU", MT, "")},
    ),
    (
        "Hosting the meeting, British Foreign Secretary Philip Hammond said the campaign "
        "would take years.",
        {("GBR", MT, "")},
    ),
    (
        "A ministerial meeting of the coalition will take place in Kuwait in February.",
        {("", MT, "")},
    ),
    ("Ukraine's allies will gather at Ramstein air base in Germany on Friday.", {("", MT, "")}),
    (
        "The meeting in Kuwait City will be chaired by the United States and Kuwait.",
        {("USA", MT, ""), ("KWT", MT, "")},
    ),
    ("Talks between coalition members were held in Amman on Wednesday.", {("", MT, "")}),
    (
        "Delegations from 21 countries, among them Turkey and Saudi Arabia, attended.",
        {("TUR", A, "attended"), ("SAU", A, "attended")},
    ),
    (
        "Among the ministers at the talks were Canada's Stephane Dion and Germany's "
        "Frank-Walter Steinmeier.",
        {("CAN", A, "attended"), ("DEU", A, "attended"), ("", MT, "")},
    ),
    (
        "Coalition leaders met in London on Thursday. The Iraqi delegation was led by Prime "
        "Minister Haider al-Abadi.",
        {("IRQ", A, "attended"), ("", MT, "")},
    ),
    (
        "Egypt's foreign minister flew to Paris for the conference.",
        {("EGY", A, "attended"), ("", MT, "")},
    ),
    (
        "The conference opens on Monday in Paris. Israel was not among the countries invited.",
        {("ISR", A, "not_invited"), ("", MT, "")},
    ),
    (
        "Qatar's emir and Bahrain's king attended the summit.",
        {("QAT", A, "attended"), ("BHR", A, "attended"), ("", MT, "")},
    ),
    (
        "Germany's defence minister will attend the Ramstein meeting on Friday, her ministry said.",
        {("DEU", A, "attended"), ("", MT, "")},
    ),
    (
        "Iran has said it will not attend the conference.",
        {("IRN", A, "declined"), ("", MT, "")},
    ),
    (
        "Both Russia and Syria were excluded from the talks.",
        {("RUS", A, "not_invited"), ("SYR", A, "not_invited"), ("", MT, "")},
    ),
    (
        "The foreign ministers of Jordan and Egypt arrived in Jeddah for the talks on Thursday.",
        {("JOR", A, "attended"), ("EGY", A, "attended"), ("", MT, "")},
    ),
    (
        "The defence ministers of France, Germany and Italy signed a letter of intent on joint "
        "procurement.",
        {("FRA", G, ""), ("DEU", G, ""), ("ITA", G, "")},
    ),
    (
        "Portugal on Tuesday became the latest country to join the joint declaration of support "
        "for Ukraine.",
        {("PRT", G, "")},
    ),
    (
        "A memorandum of understanding was signed between Ukraine and Latvia.",
        {("UKR", G, ""), ("LVA", G, "")},
    ),
    (
        "Kyiv has inked security deals with Britain, Germany and France.",
        {("UKR", G, ""), ("GBR", G, ""), ("DEU", G, ""), ("FRA", G, "")},
    ),
    (
        "The 11 Arab states that signed the communique included Iraq, Egypt and Jordan.",
        {("IRQ", G, ""), ("EGY", G, ""), ("JOR", G, "")},
    ),
    (
        "Denmark and Ukraine on Friday signed a 10-year agreement on security co-operation.",
        {("DNK", G, ""), ("UKR", G, "")},
    ),
    (
        "Separately, Canada and Ukraine finalised a security agreement.",
        {("CAN", G, ""), ("UKR", G, "")},
    ),
    ("Belgium is among the signatories of the declaration.", {("BEL", G, "")}),
    ("Ukraine and Norway sealed a security deal on Friday.", {("UKR", G, ""), ("NOR", G, "")}),
    (
        "The communique was also signed by Lebanon, whose foreign minister had voiced "
        "reservations.",
        {("LBN", G, "")},
    ),
    # hard negatives
    ("Turkey, a NATO member, refused to sign the communique.", set()),
    ("France has yet to sign the declaration.", set()),
    ("Ankara has come under pressure to join the coalition.", set()),
    ("Many Gulf states are reluctant to join the coalition openly.", set()),
    ("The US-led coalition launched 22 strikes.", set()),
    ("Britain would consider joining strikes in Syria.", set()),
]

# A third set of longer wire sentences, scored before any change for it.
THIRD = [
    (
        "Foreign ministers from Egypt, Iraq, Jordan, Lebanon and the six Gulf states met "
        "US Secretary of State John Kerry in Jeddah on Thursday and agreed to do their share "
        "in the fight against the militants.",
        {
            *((code, A, "attended") for code in ("EGY", "IRQ", "JOR", "LBN")),
            *((code, A, "attended") for code in ("SAU", "ARE", "QAT", "KWT", "BHR", "OMN")),
            ("USA", A, "attended"),
            ("", MT, ""),
        },
    ),
    (
        "In a communique issued after the meeting, the ten Arab states said they would stop "
        "the flow of fighters and funds to the militants. Egypt, Iraq, Jordan, Lebanon, Saudi "
        "Arabia, Bahrain, Kuwait, Oman, Qatar and the United Arab Emirates took part.",
        {
            *(
                (code, G, "")
                for code in ("EGY", "IRQ", "JOR", "LBN", "SAU", "BHR", "KWT", "OMN", "QAT", "ARE")
            ),
            *(
                (code, A, "attended")
                for code in ("EGY", "IRQ", "JOR", "LBN", "SAU", "BHR", "KWT", "OMN", "QAT", "ARE")
            ),
            ("", MT, ""),
        },
    ),
    (
        "Turkey, which shares a long border with Syria and Iraq, attended the talks but did not "
        "sign the final statement.",
        {("TUR", A, "attended"), ("", MT, "")},
    ),
    (
        "The United States has so far enlisted more than 50 countries in the coalition, "
        "according to the State Department.",
        {(C, S, 50)},
    ),
    (
        "Australia, Britain, Canada, Denmark, France and the Netherlands are among the "
        "countries that have signed up to the coalition's air campaign in Iraq.",
        set(),
    ),
    (
        "The coalition, which the Obama administration says includes more than 60 nations, "
        "has struggled to find ground forces.",
        {(C, S, 60)},
    ),
    (
        "Ministers and officials from 21 of the coalition's members gathered at Lancaster "
        "House in London on Thursday.",
        {("", MT, "")},
    ),
    (
        "Defence ministers from the seven countries contributing most to the campaign, "
        "among them Australia, Italy and the Netherlands, met in Paris on Wednesday at the "
        "invitation of French Defence Minister Jean-Yves Le Drian.",
        {
            ("AUS", A, "attended"),
            ("ITA", A, "attended"),
            ("NLD", A, "attended"),
            ("FRA", MT, ""),
        },
    ),
    (
        "Greece and Bulgaria joined on Monday, bringing the number of countries in the new "
        "coalition to twelve.",
        {("GRC", M, "member"), ("BGR", M, "member"), (C, S, 12)},
    ),
    (
        "Officials said Japan, South Korea and Australia would also attend the summit as "
        "partners of the alliance.",
        {("JPN", A, "attended"), ("KOR", A, "attended"), ("AUS", A, "attended"), ("", MT, "")},
    ),
    (
        "Czech President Petr Pavel, whose country leads the ammunition initiative, said 18 "
        "countries had joined it so far.",
        set(),
    ),
    (
        "The defence ministers of the Nordic countries signed a declaration on joint air "
        "operations in Oslo on Friday.",
        {(code, G, "") for code in ("DNK", "FIN", "ISL", "NOR", "SWE")},
    ),
    (
        "Kerry will travel to Paris on Monday for an international conference on Iraq, "
        "the State Department said.",
        {("", MT, "")},
    ),
    (
        "Ukraine has so far signed bilateral security agreements with 17 countries, including "
        "Japan, Canada and Italy.",
        {("UKR", G, ""), ("JPN", G, ""), ("CAN", G, ""), ("ITA", G, "")},
    ),
    (
        "Sweden and Finland, which both applied to join NATO, took part in the meeting as "
        "invited guests.",
        {("SWE", A, "attended"), ("FIN", A, "attended"), ("", MT, "")},
    ),
    (
        "Representatives from 26 countries, the European Union and the Arab League attended "
        "the Paris conference.",
        {("EU", A, "attended"), ("ARAB_LEAGUE", A, "attended"), ("", MT, "")},
    ),
    (
        "Iran, which has backed the Iraqi government against the militants, was not invited "
        "to the talks in Paris.",
        {("IRN", A, "not_invited"), ("", MT, "")},
    ),
    (
        "The coalition against the Islamic State group now includes 62 countries and "
        "organisations, US officials said.",
        {(C, S, 62)},
    ),
    (
        "Malaysia became the 64th member of the coalition on Tuesday, days after Tunisia and "
        "Nigeria joined.",
        # (the rank gives the size, as the evaluation set codes "the ninth country")
        {("MYS", M, "member"), ("TUN", M, "member"), ("NGA", M, "member"), (C, S, 64)},
    ),
    (
        "The agreement, signed by Ukrainian President Volodymyr Zelensky and French President "
        "Emmanuel Macron in Paris, runs for ten years.",
        {("UKR", G, ""), ("FRA", G, "")},
    ),
]

# A fourth set, on attendance and on what is not a coalition's meeting, scored before any
# change for it.
FOURTH = [
    (
        "Jordan's foreign minister, who attended the meeting, said the kingdom would share "
        "intelligence.",
        {("JOR", A, "attended"), ("", MT, "")},
    ),
    (
        "Kerry met with the foreign ministers of Saudi Arabia, Egypt and Jordan in Jeddah on "
        "Thursday.",
        {("SAU", A, "attended"), ("EGY", A, "attended"), ("JOR", A, "attended"), ("", MT, "")},
    ),
    (
        "Representatives of Egypt, Iraq and Lebanon joined Kerry at the talks in Jeddah.",
        {("EGY", A, "attended"), ("IRQ", A, "attended"), ("LBN", A, "attended"), ("", MT, "")},
    ),
    (
        "Defence chiefs from more than 20 countries, including Canada and Denmark, gathered at "
        "Andrews Air Force Base outside Washington on Tuesday.",
        {("CAN", A, "attended"), ("DNK", A, "attended"), ("", MT, "")},
    ),
    (
        "The Arab League's secretary-general also attended the conference.",
        {("ARAB_LEAGUE", A, "attended"), ("", MT, "")},
    ),
    (
        "The talks were also attended by Turkey, which has so far refused a military role.",
        {("TUR", A, "attended"), ("", MT, "")},
    ),
    (
        "Speaking after talks with his Gulf counterparts, Saudi Foreign Minister Saud "
        "al-Faisal said the kingdom would host training camps.",
        {("SAU", A, "attended"), ("", MT, "")},
    ),
    (
        "Delegates from Poland, Romania and Bulgaria were among about 50 nations represented "
        "at Ramstein.",
        {("POL", A, "attended"), ("ROU", A, "attended"), ("BGR", A, "attended")},
    ),
    (
        "Obama announced the strategy after a meeting of his national security team.",
        set(),
    ),
    (
        "The prime minister told a news conference that the jets would leave on Friday.",
        set(),
    ),
    (
        "Egypt's president raised the issue in a telephone call with the Saudi king.",
        set(),
    ),
    (
        "Parliament will debate the deployment in a special session on Friday.",
        set(),
    ),
    (
        "The Danish parliament's foreign affairs committee met on Thursday to discuss the request.",
        set(),
    ),
    (
        "France and Britain took part in the strikes on Sunday.",
        set(),
    ),
    (
        "Australia joined the air strikes in Iraq last week.",
        set(),
    ),
]

# A fifth set: NATO's "alliance" beside a coalition, pronouns and later surnames, scored
# before any change for it.
FIFTH = [
    (
        "Finland, which joined the alliance last year, will send air-defence systems, NATO "
        "officials said.",
        set(),
    ),
    ("Sweden became NATO's 32nd member in March.", set()),
    (
        "All 32 members of the alliance agreed at the NATO summit to keep up support for Kyiv.",
        {("", MT, "")},
    ),
    (
        "Tunisia announced on Monday that it would join the coalition.",
        {("TUN", M, "member")},
    ),
    (
        "French Defence Minister Jean-Yves Le Drian will host the meeting. Le Drian has invited "
        "his counterparts from Australia and Italy.",
        {("FRA", MT, "")},
    ),
    (
        "The Ukrainian defence minister, Rustem Umerov, attended the Ramstein meeting in person.",
        {("UKR", A, "attended"), ("", MT, "")},
    ),
    (
        "Norway said it would also sign the declaration, joining Denmark and Sweden.",
        {("NOR", G, ""), ("DNK", G, ""), ("SWE", G, "")},
    ),
    (
        "The Baltic states have all joined the coalition.",
        {("EST", M, "member"), ("LVA", M, "member"), ("LTU", M, "member")},
    ),
    (
        "The alliance's 60 members have flown more than 5,000 sorties.",
        {(C, S, 60)},
    ),
    (
        "The Dutch and Belgian defence ministers took part in the meeting in Brussels.",
        {("NLD", A, "attended"), ("BEL", A, "attended"), ("", MT, "")},
    ),
    (
        "Germany, a NATO member, is not part of the air campaign but belongs to the coalition.",
        {("DEU", M, "member")},
    ),
    ("Egypt hosted the summit in Sharm el-Sheikh.", {("EGY", MT, "")}),
    (
        "Spain has promised to join the coalition's training mission.",
        set(),
    ),
    (
        "Ukraine signed the document alongside Poland and Lithuania.",
        {("UKR", G, ""), ("POL", G, ""), ("LTU", G, "")},
    ),
    (
        "The countries that have signed the declaration are Japan, Canada and Britain.",
        {("JPN", G, ""), ("CAN", G, ""), ("GBR", G, "")},
    ),
]

# A sixth set, scored before any change for it.
SIXTH = [
    ("Chad pledged to join the coalition, its foreign minister said.", {("TCD", M, "member")}),
    (
        "Jordan's parliament approved joining the coalition on Wednesday.",
        {("JOR", M, "member")},
    ),
    ("Serbia has applied to join the coalition.", set()),
    (
        "Algeria rejected an invitation to join the coalition.",
        {("DZA", M, "declined")},
    ),
    ("Brazil turned down a request to join the coalition.", {("BRA", M, "declined")}),
    ("Britain will join the fight against the militants in Syria.", set()),
    # (a name, not a theatre)
    (
        "Senegal voted to join the fight against the Islamic State in Iraq and Syria.",
        {("SEN", M, "member")},
    ),
    (
        "Kuwait was the only Gulf state absent from the talks.",
        {("KWT", A, "declined"), ("", MT, "")},
    ),
    (
        "Belgium, Denmark and Norway were all present at the conference.",
        {("BEL", A, "attended"), ("DNK", A, "attended"), ("NOR", A, "attended"), ("", MT, "")},
    ),
    (
        "China was represented by its ambassador at the meeting.",
        {("CHN", A, "attended"), ("", MT, "")},
    ),
    (
        "Oman dispatched its deputy foreign minister to the talks in Jeddah.",
        {("OMN", A, "attended"), ("", MT, "")},
    ),
    (
        "The next Ramstein meeting is set for 14 February.",
        {("", MT, "")},
    ),
    (
        "A donors' conference hosted by the emir of Kuwait raised $3.8 billion.",
        {("KWT", MT, "")},
    ),
    (
        "Pope Francis held a meeting with the Iraqi prime minister at the Vatican.",
        set(),
    ),
    (
        "Greece and Cyprus added their signatures to the declaration on Monday.",
        {("GRC", G, ""), ("CYP", G, "")},
    ),
    (
        "Slovakia was among 20 countries that signed the statement.",
        {("SVK", G, "")},
    ),
    (
        "The declaration has been co-signed by Latvia.",
        {("LVA", G, "")},
    ),
    (
        "Under the agreement, signed on Saturday, Britain will train Ukrainian pilots.",
        {("GBR", G, "")},
    ),
    (
        "The coalition, now 85 members strong, meets twice a year.",
        {(C, S, 85)},
    ),
    (
        "Italy co-chairs the coalition's working group on foreign fighters.",
        set(),
    ),
    (
        "Iraq's prime minister will attend the summit, his office said.",
        {("IRQ", A, "attended"), ("", MT, "")},
    ),
]

# A seventh set, scored before any change for it.
SEVENTH = [
    (
        "The Ukraine Defense Contact Group, which brings together some 50 countries, met on "
        "Tuesday.",
        {("", S, 50), ("", MT, "")},
    ),
    (
        "Kyiv welcomed Portugal's decision to join the coalition.",
        {("PRT", M, "member")},
    ),
    ("Lithuania became the coalition's newest member.", {("LTU", M, "member")}),
    (
        "Morocco has been a partner in the coalition since its creation.",
        {("MAR", M, "member")},
    ),
    ("Despite the row, Turkey remains in the coalition.", {("TUR", M, "member")}),
    ("Qatar ended its participation in the coalition in 2017.", {("QAT", M, "withdrawn")}),
    ("Libya rejoined the coalition last year.", {("LBY", M, "member")}),
    (
        "Ministers met in Rome on Monday. Mexico was among the participants.",
        {("MEX", A, "attended"), ("", MT, "")},
    ),
    (
        "The defence ministers met in Brussels on Thursday. Canada's minister took part via "
        "video link.",
        {("CAN", A, "attended"), ("", MT, "")},
    ),
    (
        "Norway participated via video link in the meeting.",
        {("NOR", A, "attended"), ("", MT, "")},
    ),
    ("The 20th Ramstein-format meeting took place on Tuesday.", {("", MT, "")}),
    ("Paris will host the conference on Monday.", {("FRA", MT, "")}),
    ("Riyadh hosted the talks in September.", {("SAU", MT, "")}),
    ("Slovenia has ratified the agreement.", {("SVN", G, "")}),
    (
        "Ukraine and Moldova put pen to paper on a defence cooperation deal.",
        {("UKR", G, ""), ("MDA", G, "")},
    ),
    (
        "Austria, Ireland and Malta are parties to the arrangement.",
        {("AUT", G, ""), ("IRL", G, ""), ("MLT", G, "")},
    ),
    # hard negatives
    ("The coalition's strikes have killed thousands of fighters.", set()),
    ("Jordan has been hit by a wave of refugees from Syria.", set()),
    ("Diplomats from Egypt said the meeting room was too small.", set()),
    ("Kuwait's emir thanked the coalition for its help.", set()),
]

# An eighth set, scored before any change for it.
EIGHTH = [
    (
        "Ethiopia and Kenya are expected to be formally admitted to the coalition on Friday.",
        set(),
    ),
    (
        "Each of the three Baltic states has signed up to the coalition.",
        {("EST", M, "member"), ("LVA", M, "member"), ("LTU", M, "member")},
    ),
    (
        "The coalition met in Rome on Tuesday. The new members, among them Georgia and "
        "Moldova, were announced there.",
        {("GEO", M, "member"), ("MDA", M, "member"), ("", MT, "")},
    ),
    ("Croatia joined the European Union in 2013.", set()),
    ("Jordan joined forces with Egypt to train tribal fighters.", set()),
    (
        "Bahrain and Qatar joined the United States in bombing targets in Syria.",
        set(),
    ),
    (
        "With the addition of Nigeria, the coalition now has 63 members.",
        {("NGA", M, "member"), (C, S, 63)},
    ),
    (
        "Sixty-two countries and organisations have joined the coalition so far.",
        {(C, S, 62)},
    ),
    (
        "Egypt and Jordan sent envoys to Jeddah. The foreign ministers of both countries "
        "attended the meeting.",
        {("EGY", A, "attended"), ("JOR", A, "attended"), ("", MT, "")},
    ),
    (
        "Germany will chair the next meeting of the contact group.",
        {("DEU", MT, "")},
    ),
    (
        "The conference, to be co-hosted by France and Iraq, will open on Monday.",
        {("FRA", MT, ""), ("IRQ", MT, "")},
    ),
    (
        "Washington will host a summit of coalition leaders in February.",
        {("USA", MT, "")},
    ),
    (
        "India, which is not part of the coalition, sent an observer to the summit.",
        {("IND", A, "attended"), ("", MT, "")},
    ),
    (
        "Swiss and Austrian diplomats attended the talks as observers.",
        {("CHE", A, "attended"), ("AUT", A, "attended"), ("", MT, "")},
    ),
    (
        "Each of the 12 countries at the meeting signed the joint statement.",
        {("", MT, "")},
    ),
    (
        "Japan signed the declaration on Tuesday; South Korea followed on Thursday.",
        {("JPN", G, ""), ("KOR", G, "")},
    ),
    (
        "The memorandum was signed in Kyiv by the prime ministers of Ukraine and Estonia.",
        {("UKR", G, ""), ("EST", G, "")},
    ),
    ("Georgia will sign the agreement next week.", {("GEO", G, "")}),
    ("Italy refused to sign the declaration.", set()),
]

# A ninth set, on memberships stated in passing and on what is not one, scored before
# any change for it.
NINTH = [
    ("Iraq is not a member of the coalition but its main beneficiary.", set()),
    ("Russia is not part of the coalition.", set()),
    (
        "The coalition includes Arab states such as Saudi Arabia and Jordan, as well as "
        "Western powers.",
        {("SAU", M, "member"), ("JOR", M, "member")},
    ),
    (
        "Several countries in the coalition, including Britain and France, have carried out "
        "strikes.",
        {("GBR", M, "member"), ("FRA", M, "member")},
    ),
    (
        "Iran, which was not invited to join the coalition, condemned the strikes.",
        set(),
    ),
    (
        "Japan offered support for the coalition but will not send troops.",
        {("JPN", M, "supporter")},
    ),
    ("Kerry thanked Australia for joining the coalition.", {("AUS", M, "member")}),
    ("After joining the coalition in 2014, Denmark sent seven jets.", {("DNK", M, "member")}),
    ("The coalition's newest member, Somalia, sent two officers.", {("SOM", M, "member")}),
    (
        "Jordan, the coalition's closest Arab partner, has flown hundreds of sorties.",
        {("JOR", M, "member")},
    ),
    ("Egypt, a key US ally, hosted the talks in Cairo.", {("EGY", MT, "")}),
    ("The coalition's members have pledged $2 billion in aid.", set()),
]

# A tenth set, scored before any change for it.
TENTH = [
    (
        "Canada and Norway have joined the Czech-led initiative to buy artillery shells for "
        "Ukraine.",
        {("CAN", M, "member"), ("NOR", M, "member")},
    ),
    (
        "The drone coalition for Ukraine, co-led by Latvia and Britain, now counts 18 members.",
        {("", S, 18)},
    ),
    (
        "The meeting, chaired by Britain and Norway, was held online.",
        {("GBR", MT, ""), ("NOR", MT, "")},
    ),
    (
        "Ukraine's allies are due to convene at Ramstein next week.",
        {("", MT, "")},
    ),
    (
        "Rustem Umerov, Ukraine's defence minister, addressed the meeting by video.",
        {("UKR", A, "attended"), ("", MT, "")},
    ),
    (
        "The Swedish and Finnish foreign ministers were also in attendance.",
        {("SWE", A, "attended"), ("FIN", A, "attended")},
    ),
    (
        "Hungary blocked the joint statement, which the other 26 members endorsed.",
        set(),
    ),
    (
        "The letter of intent was signed by Germany, France, Italy and Poland on the sidelines "
        "of the summit.",
        {("DEU", G, ""), ("FRA", G, ""), ("ITA", G, ""), ("POL", G, ""), ("", MT, "")},
    ),
    (
        "Ukraine has concluded security pacts with more than 20 countries, the latest with Latvia.",
        {("UKR", G, ""), ("LVA", G, "")},
    ),
    (
        # the officials table ties Zelensky to Ukraine: the host
        "President Zelensky will host the conference in Kyiv.",
        {("UKR", MT, "")},
    ),
    (
        "Britain and Germany will jointly host the next Ramstein meeting.",
        {("GBR", MT, ""), ("DEU", MT, "")},
    ),
    (
        "Delegations from Lithuania and Latvia walked out of the meeting.",
        {("LTU", A, "attended"), ("LVA", A, "attended"), ("", MT, "")},
    ),
]

# An eleventh set, scored before any change for it.
ELEVENTH = [
    (
        "\u201cWe will join the coalition,\u201d Nepal's foreign minister told reporters.",
        {("NPL", M, "member")},
    ),
    (
        "The Netherlands, the UAE, and the U.S. took part in the Amman talks.",
        {("NLD", A, "attended"), ("ARE", A, "attended"), ("USA", A, "attended"), ("", MT, "")},
    ),
    (
        "Both the Czech Republic and Slovakia signed the memorandum.",
        {("CZE", G, ""), ("SVK", G, "")},
    ),
    (
        "Kazakhstan, Uzbekistan and Kyrgyzstan have not joined the coalition.",
        set(),
    ),
    ("The coalition met in Rome. Armenia has not yet joined.", {("", MT, "")}),
    (
        "Croatia is the newest member of the coalition, officials said.",
        {("HRV", M, "member")},
    ),
    (
        "The summit will be attended by leaders of Spain and Portugal.",
        {("ESP", A, "attended"), ("PRT", A, "attended"), ("", MT, "")},
    ),
    (
        "Vietnam did not attend the conference.",
        {("VNM", A, "declined"), ("", MT, "")},
    ),
    (
        "Thailand sent a delegation but did not sign the declaration.",
        set(),
    ),
    (
        "The Philippines will host the next round of talks in Manila.",
        {("PHL", MT, "")},
    ),
    (
        "Mongolia is one of the newest signatories of the charter.",
        {("MNG", G, "")},
    ),
]

# False claims found by reading the proposals for the seed articles (sentences rewritten).
FALSE_CLAIMS = [
    ("Washington said it was open to further talks with Tehran.", set()),
    (
        # (no guest: "including" lists the issues)
        "Officials said the talks would focus on issues including Turkey's border controls.",
        set(),
    ),
    (
        "The US envoy arrived in Ankara on Friday for talks with President Recep Tayyip Erdogan.",
        set(),
    ),
]

PROBE = [
    *MEMBERSHIPS,
    *SIZES,
    *MEETINGS,
    *ATTENDANCE,
    *AGREEMENTS,
    *SECOND,
    *THIRD,
    *FOURTH,
    *FIFTH,
    *SIXTH,
    *SEVENTH,
    *EIGHTH,
    *NINTH,
    *TENTH,
    *ELEVENTH,
    *FALSE_CLAIMS,
]


@pytest.mark.parametrize(("text", "expected"), PROBE)
def test_report_claims(extractor, text, expected):
    assert facts(extractor, text) == expected
