"""Feed documents shaped like real news feeds (RSS 2.0, Atom, RDF) and broken ones, for a loopback server."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Item:
    title: str
    link: str
    guid: str | None = None
    date: str | None = "Mon, 18 Nov 2024 08:00:00 GMT"
    teaser: str = "Read the full story on our site."
    body_html: str | None = None


def news_items(rows: Sequence[dict], first: int = 0) -> list[Item]:
    """One item a corpus row, its whole article in the item's body: a poll needs no page fetch to read it."""
    return [
        Item(
            " ".join(row["article"].split()[:8]),
            f"https://news.example.com/story-{first + n}",
            f"g-{first + n}",
            body_html="".join(f"<p>{escape(p)}</p>" for p in row["article"].split(". ")),
        )
        for n, row in enumerate(rows)
    ]


def rss2(items: Sequence[Item], *, title: str = "World News") -> str:
    parts = []
    for item in items:
        guid = f'<guid isPermaLink="false">{escape(item.guid)}</guid>' if item.guid else ""
        date = f"<pubDate>{item.date}</pubDate>" if item.date else ""
        body = f"<content:encoded><![CDATA[{item.body_html}]]></content:encoded>" if item.body_html else ""
        parts.append(
            f"<item><title>{escape(item.title)}</title><link>{escape(item.link)}</link>{guid}{date}"
            f"<description>{escape(item.teaser)}</description>{body}"
            f'<media:content url="https://cdn.example.com/{abs(hash(item.link))}.jpg" medium="image" width="800"/>'
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">'
        f"<channel><title>{escape(title)}</title><link>https://news.example.com/</link>"
        f"<description>Latest stories</description>{''.join(parts)}</channel></rss>"
    )


def atom(items: Sequence[Item], *, title: str = "Tech Desk") -> str:
    entries = "".join(
        f'<entry><title type="html">{escape(i.title)}</title><link rel="alternate" href="{escape(i.link)}"/>'
        f"<id>{escape(i.guid or i.link)}</id><updated>2024-11-18T08:00:00Z</updated>"
        f'<summary type="html">{escape(i.teaser)}</summary></entry>'
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:uuid:60a76c80</id><updated>2024-11-18T08:00:00Z</updated>"
        f"{entries}</feed>"
    )


def rdf(items: Sequence[Item], *, title: str = "Science Wire") -> str:
    resources = "".join(f'<rdf:li rdf:resource="{escape(i.link)}"/>' for i in items)
    body = "".join(
        f'<item rdf:about="{escape(i.link)}"><title>{escape(i.title)}</title><link>{escape(i.link)}</link>'
        f"<description>{escape(i.teaser)}</description><dc:date>2024-11-18T08:00:00Z</dc:date></item>"
        for i in items
    )
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="https://science.example.com/"><title>{escape(title)}</title>'
        f"<link>https://science.example.com/</link><description>Wire</description>"
        f"<items><rdf:Seq>{resources}</rdf:Seq></items></channel>{body}</rdf:RDF>"
    )


def broken_rss(items: Sequence[Item]) -> str:
    """Claims an encoding it does not use, leaves a tag unclosed, double-escapes entities, has no dates."""
    parts = "".join(
        f"<item><title>{i.title.replace('&', '&amp;amp;')}</title><link>{escape(i.link)}</link>"
        f"<description>{escape(i.teaser)}<p>unclosed paragraph</description></item>"
        for i in items
    )
    return (
        f'<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>Caf\u00e9 news</title>{parts}'
    )
