"""Articles made of real news sentences (the bundled sample and the CNN/DailyMail sample), and a saving helper."""

from __future__ import annotations

from bot.fingerprints import content_hash
from bot.store import ArticleRecord, Store
from summaries.model import Article

UKRAINE = Article(
    title="Biden allows Ukraine to use US arms to strike inside Russia",
    text=(
        "President Joe Biden's administration has allowed Ukraine to use US-made weapons to strike deep into "
        "Russia, two US officials and a source familiar with the decision said on Sunday, in a move that could "
        "widen the Ukraine-Russia war. Ukraine plans to conduct its first long-range attacks in the coming days, "
        "the sources said, without revealing details due to operational security concerns."
    ),
    url="https://www.reuters.com/world/biden-allows-ukraine-strike-inside-russia/?utm_source=rss",
    site_name="Reuters",
)
HEPATITIS = Article(
    title="Fargo bishop diagnosed with hepatitis A",
    text=(
        "The bishop of the Fargo Catholic Diocese in North Dakota has exposed potentially hundreds of church "
        "members in Fargo, Grand Forks and Jamestown to the hepatitis A virus in late September and early October. "
        "The state Health Department has issued an advisory of exposure for anyone who attended five churches and "
        "took communion."
    ),
    url="https://apnews.com/article/fargo-bishop-hepatitis",
    author="Associated Press",
)
MIAMI = Article(
    title="Miami-Dade police lieutenant accused of helping drug traffickers",
    text=(
        "Ralph Mata was an internal affairs lieutenant for the Miami-Dade Police Department, working in the "
        "division that investigates allegations of wrongdoing by cops. Outside the office, authorities allege that "
        "the 45-year-old longtime officer worked with a drug trafficking organization to help plan a murder plot "
        "and get guns."
    ),
    url="https://edition.cnn.com/2013/miami-police-lieutenant",
)
CRIMEA = Article(
    title="Putin signs Crimea into Russia",
    text=(
        "With a breezy sweep of his pen President Vladimir Putin wrote a new chapter into Crimea's turbulent "
        "history, committing the region to a future returned to Russian domain. Sixty years prior, Ukraine's "
        "breakaway peninsula was signed away just as swiftly by Soviet leader Nikita Khrushchev."
    ),
    url="https://edition.cnn.com/2014/putin-crimea",
)
FLEETWOOD = Article(
    title="Fleetwood top League One",
    text=(
        "Fleetwood are the only team still to have a 100% record in Sky Bet League One as a 2-0 win over "
        "Scunthorpe sent Graham Alexander's men top of the table."
    ),
    url="https://www.dailymail.co.uk/sport/fleetwood-scunthorpe",
)
ARTICLES = (UKRAINE, HEPATITIS, MIAMI, CRIMEA, FLEETWOOD)
FEED = "https://example.com/world/feed"
OTHER_FEED = "https://example.org/news.rss"


def save(store: Store, article: Article) -> ArticleRecord:
    record, _ = store.save_article(article, content_hash=content_hash(article.text))
    return record
