"""The six welcome messages of the APLC founding assembly, quoted from the APLC about page.

The words are as published, typos included ("archaiv", "trule", "Cties", "Golden Hober"). Only line
breaks differ: paragraphs are wrapped here to fit the source file (`specs.unwrap` joins them again),
and Mun Seok-jin's seven activities are written as a Markdown list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WelcomeMessage:
    author: str  # the Person.full_name of the demo speaker who wrote it
    signed: str  # the name as signed under the message
    role: str  # the role as signed under the message
    text: str  # Markdown, wrapped for the source file; see `specs.unwrap`


MESSAGES: tuple[WelcomeMessage, ...] = (
    WelcomeMessage(
        author="Mun Seok-jin",
        signed="Mun, Seok-jin",
        role="Chairperson, APLC founding committee",
        text="""\
Good evening. I am Mun, Seok-jin, the chair of APLC founding committee. I am very happy to hold
APLC foundation conference.

APLC member cities will be the platform for the sustainable development of learning cities that
focusing learning as the driving force for cities growth and development. APLC will be working
as a partner with the UNESCO International Institute of Lifelong Education (UIL), the UNESCO
APCEIU, Institute for International Cooperation of the German Adult Education Association (DVV
international), and the PASCAL(Place and Social Capital and Learning) International Observatory.

The APLC envisions the following major activities with the vision of "One Asia Pacific Learning
Cities."

- First, the creation and expansion of learning opportunities for citizens of all Asia-Pacific
  learning cities;
- Second, strengthening political leadership, vision sharing and governance in Asia-Pacific
  learning cities;
- Third, comprehensive and practical plan sharing and mutual cooperation;
- Fourth, establishing clear step-by-step targets reflecting Asia-Pacific characteristics and
  strengthening strategies to focus on Asia-Pacific areas;
- Fifth, establishment and implementation of strategies for solving specific tasks in the
  Asia-Pacific learning city;
- Sixth, the development and sharing of policies, cases, projects among Asia-Pacific learning
  cities;
- Seventh, positive influence on sustainable social/economic/cultural development from the
  strengthening of individual citizens in the Asia-Pacific learning city;

APLC aims to work together to create and expand the network to create action plans and master
plans including mid- to long-term development plans. This requires active cooperation and
participation of all APLC member cities and potential future member cities. We are trying to
promote real-time exchange of information and opinions among APLC member cities through online
communication networks. We look forward to your cooperation and participation. Thank you.
""",
    ),
    WelcomeMessage(
        author="Kwak Sang Wook",
        signed="Kwak, Sang Wook",
        role="Chairperson of Korean Association of Lifelong Learning Cities, Mayor of Osan",
        text="""\
Good evening ! I am Kwak, Sang Wook, the chairperson of Korean Association of Lifelong Learning
Cities, which is co-organizing APLC with Foundation Preparatory Committee.

First of all, congratulations on holding APLC foundation conference, today. APLC foundation
conference is jointly planned by Seodaemungu, Seoul, Yeonsu, Incheon, and Korean Association of
Lifelong Learning Cities. The APLC Founding Committee member cities will unite all learning
cities in the Asia-Pacific region to launch according to the philosophy and vision to promote
sustainable development of the cities in the region, which will catalyze cities growth and
ultimately promote lifelong learning. In particular, APLC will be actively partnering with the
UNESCO International Institute of Lifelong Education (UIL), UNESCO APCEIU, DVV-International,
and PASCAL International Observatory – Place And Social Capital And Learning. I would like to
express my heartfelt gratitude to the all organizers and partner institutes, including the APLC
founding committee, who are working hard for the successful hosting of this event.

Recently, we have experienced the unprecedented serious pandemic of covid-19 worldwide, facing a
new era of new normal with rapid digital social transformation. During this transition,
countries around the world are seeking future strategies as well as overcoming the current
crisis by sharing their experiences and wisdom.Learning cities are no exception. At the center
of the transition, we are keenly aware of the need for joint action through exchanges,
cooperation and network solidarity between cities in preparation for current and future threats.

In this regard, the launch of "APLC" is significant in that it targeted cities in 48
Asia-Pacific countries with policies, willingness to implement and plans to grow into global
learning cities under the motto of promoting lifelong learning. APLC allows countries in the
Asia-Pacific region to build strong learning communities by creating values together based on
geographical proximity, historical and cultural consensus, and emotional ties. It can play an
important and constructive role in increasing the growth engine and resilience of each city.
Specifically, we hope that APLC will become a platform to promote closer communication between
member cities through consturcting digital archaiv and sharing information.

Korean Association of Learning Cities aims at mutual cooperation and exchange for developing of
lifelong learning cities. As part of our global lifelong learning network and cooperation
project, we would like to actively help APLC by sharing global learning trends and information
as well as supporting network solidarity among national and international lifelong learning
cities.

We hope that learning cities will meet in various ways through APLC, create a sustainable
learning ecosystem, and build up leadership in global lifelong learning governance to become
trule global lifelong learning cities. Thank you.
""",
    ),
    WelcomeMessage(
        author="Ko Nam Seok",
        signed="Ko, Nam Seok",
        role="Co-chairperson, APLC founding committee",
        text="""\
Good evening. I am Ko, Nam Seok, the co-chair of APLC founding committee. I think is very
meaningful to hold this meeting even in the unprecedented uncertainty of the Covid-19 pandemic.

We are now living in a complex and rapidly changing world where political, social, economic and
cultural norms are constantly re-defined. In particular, the current Covid-19 has led us to
recognize that the uncertainty, which has not been predicted by mankind before, is now not just
a problem of one region, but a problem of the entire human race.

Therefore, today, we are being urged to jointly address global issues such as economic crisis,
social unrest, climate change, and poverty, and also being urged to change the world for the
sake of human coexistence and prosperity.

In line with this trend of the international community, I think lifelong learning is important
not only for individual learners but also for cities, themselves. Now, we must agree that
lifelong learning is at the heart of the social, economic and cultural prosperity of individual
learners, communities and countries. We must also strive to ensure that lifelong learning is at
the heart of every city, region and country's major policies in the Asia-Pacific region.

Now the international community must move away from past hegemony, domination, and economic
encroachment and must move on to an era of peace, coexistence, and harmony. Particularly, Asia,
which has brilliant cultural values, is expected to become a major player in the new era.
Therefore, it is time for Asia embrace and respect people all over the world and move on to the
new era.

The Asia-Pacific region is the largest region in the world, including 48 of the world's top five
(Asia-Pacific, Europe, Arab, Latin America and Africa). From this point of view, Asia-Pacific
region needs solid exchanges, cooperation, and networks between cities that see learning as
their driving forces. The need for sustainable growth and potential improvement of cities
through this solidarity is more important than any other region.

The Asia-Pacific region has been continuing its efforts to build and strengthen the network by
holding the Asia-Pacific Conference in Hangzhou, China in 2016, the Asia-Pacific Conference in
2017 and the GNLC Golden Hober Symposium in Yeonsu, Korea in 2019. Recently, through “Yeonsu
declaration” at the Asia Pacific GNLC Network Conference in 2020, the Asia-Pacific region
requested cooperation and harmony to promote policy dialogue, interconnection, partnership
creation, and competency development among cities in the Asia-Pacific region.

I'm sure this APLC will be the starting point for cooperation toward "One Asia-Pacific Learning
Cities," which will be united by lifelong learning, in the New Normal era.

We look forward to the active participation and cooperation of all Asia-Pacific cities in
creating the network and establishing the APLC Foundation. Thank you.
""",
    ),
    WelcomeMessage(
        author="David Atchoarena",
        signed="David Atchoarena",
        role="Director, UNESCO Institute for Lifelong Learning",
        text="""\
My sincere congratulations to all stakeholders involved in the launch of the Alliance for the
Asia-Pacific Learning Cities (APLC)! This ambitious regional initiative will contribute to
promote fruitful exchanges on lifelong learning policies and good practices among learning
cities in Asia and the Pacific.

More than half of humanity lives in cities today. As the most densely populated region in the
world, Asia hosts numerous cities with populations in excess of 10 million. These cities
together with many others in further world regions are key players for achieving the Sustainable
Development Goals including SDG 4 on education.

The COVID-19 pandemic has once again underlined the central role of urban areas in tackling
global challenges. Cities have been at the frontline in dealing with this global health crisis.
Many have developed innovative solutions using the power of lifelong learning. They have
invested heavily to guarantee the continuity of learning for their citizens and provide them
with essential information to ensure health and well-being.

Learning from these experiences is of utmost importance. This can only be done through regional
and international exchange. The APLC will surely be an important platform to enhance
collaboration on lifelong learning in urban areas at the regional level.

Once again, congratulations for launching this important regional initiative. I look very much
forward to the future of this new Alliance, including active cooperation with the UNESCO Global
Network of Learning Cties (GNLC). I wish you fruitful exchanges at this founding general
assembly of the APLC!
""",
    ),
    WelcomeMessage(
        author="Shigeru Aoyagi",
        signed="Shigeru Aoyagi",
        role="Director, UNESCO Regional Bureau for Education in Asia and the Pacific",
        text="""\
I am delighted to extend my warmest congratulations on the establishment of the Alliance for
Asia-Pacific Learning Cities (APLC) in 2020 and its founding assembly. The theme of the assembly
is certainly timely: ‘One Asia–Pacific Learning Cities: Building Resilient Cities beyond
COVID-19 and Unlocking the Potential of Learning Cities’.

The leadership of the Republic of Korea and the 50 Korea-based learning cities participating in
the GNLC – they number among a total of 229 GNLC learning cities from all across Asia – is
highly appreciated. The Republic of Korea is certainly demonstrating a strong commitment to the
promotion of SDG4, which stipulates ‘ensuring inclusive and equitable quality education and
promoting lifelong learning opportunities for all’ throughout Asia and the Pacific.

Next year, in 2022, the 7th International Conference on Adult Education, or CONFINTEA VII, will
take place in Morocco. It will be the first CONFINTEA since the adoption of the UN Sustainable
Development Goals (SDGs), and the most significant event for the international Adult Learning
Education (ALE) community in the lead-up to 2030, the target year of the United Nations 2030
Agenda.

I am delighted that in anticipation of this important event in Morocco, the UNESCO Bangkok
Office was able to host – along with the much appreciated technical support of the UNESCO
Institute for Lifelong Learning (UIL) – the ‘Asia and Pacific Conference for CONFINTEA VII’ only
days ago, on 22 September.

For that event more than 40 member states, a number of CSOs, and various private sector
organizations came together to discuss current challenges, key strategies for the next decades,
innovations made to date, and both existing and projected future collaborations for promoting
adult learning and lifelong learning in the Asia-Pacific.

In this spirit, I sincerely hope that the great, collective momentum catalyzed by the various
activities of APLC, GNLC, and CONFINTEA VII will come to ensure the achievement of the SDG4
already mentioned.

As the theme of the founding assembly of APLC highlights, this is the right time to promote
lifelong learning in this rapidly changing world, a world currently contending with, and
gradually recovering from the prolonged COVID-19 pandemic.

We cannot emphasize enough the importance of the leadership and actions of city governments to
promote lifelong learning in light of their diversity, local context and unique needs.

Finally, let me mention that the UNESCO Regional Bureau for Education in Asia and the Pacific is
truly grateful for the proactive leadership of the APLC founding committee, and we look forward
to its future activities and contributions to our shared commitment to promoting lifelong
learning.
""",
    ),
    WelcomeMessage(
        author="Lim Hyun Mook",
        signed="Lim, Hyun Mook",
        role="Director, UNESCO APCEIU",
        text="""\
Congratulations on hosting the 2021 APLC Founding Assembly. The year 2021 is a time when the
spirit of solidarity and cooperation is more important than ever. The launch of the APLC
Founding Assembly is very meaningful and it will envision building a network platform for
learning cities in the Asia-Pacific region and to promote cooperation and exchange in the
future.

APCEIU(Asia-Pacific Center of Education for International Understanding under the Auspices of
UNESCO) has been working with UNESCO member countries around the world for the past 20 years to
promote education for international understanding and education for global citizenship. In
particular, we are trying to spread global citizenship education around the world to foster
global citizenship, which is essential for solving global daunting issues such as climate change
and refugees.

Global citizenship education has growing importance due to the COVID-19 crisis. This is because
global cooperation is essential to cope with the global crisis, and global cooperation is the
manifestation of global citizenship.

The role of learning cities is particularly important. Today, lifelong education is becoming
more and more important due to rapid technological change and population change. And among the
diverse subjects of lifelong education, citizenship education, which helps to build a friendship
with fellow citizens and tackle difficult tasks in such a rapidly changing world.

We look forward to building solidarity among member cities in order to develop future-oriented
lifelong learning initiatives and be a new turning point in the Asia-Pacific region. On the
occasion of this Founding Assembly by APLC Founding Committee, we hope facilitate collaborations
among UIL, UNESCO Bangkok, and UNESCO APCEIU. Once again, I sincerely thank the members of the
founding committee and the visionaries who organized the founding assembly.
""",
    ),
)
