"""When each outlet published: publication dates at their precision, in one order."""
from __future__ import annotations

import pandas as pd

from ..frames import group_value, require_columns


def publication_span(published, precision) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The instants a publication date at its precision covers: 2023-09 is all of September.
    Written on the outlet's own clock (the zone dropped), as the article gives them."""
    if published is None or pd.isna(published) or not precision:
        return pd.NaT, pd.NaT
    ts = pd.Timestamp(published)
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    if precision == "year":
        return pd.Timestamp(ts.year, 1, 1), pd.Timestamp(ts.year, 12, 31, 23, 59, 59)
    if precision == "month":
        start = pd.Timestamp(ts.year, ts.month, 1)
        return start, start + pd.offsets.MonthEnd(1) + pd.Timedelta(hours=23, minutes=59, seconds=59)
    if precision == "day":
        start = ts.normalize()
        return start, start + pd.Timedelta(hours=23, minutes=59, seconds=59)
    return ts, ts


def _utc(local: pd.Timestamp, zone) -> pd.Timestamp:
    """A local clock time (naive) as naive UTC, when its zone is known."""
    if pd.isna(local) or zone is None:
        return local
    return local.tz_localize(zone, ambiguous=True, nonexistent="shift_forward").tz_convert("UTC").tz_localize(None)


def publication_order(articles: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Who published when, in an order that respects precision.

    ``order`` ranks articles by publication; articles whose date spans overlap (2023-09 and
    2023-09-14 07:12) cannot be ordered against each other and share a rank, listed in
    ``same_rank_as``. Undated articles have no rank. Columns: ``article_id``, ``by``,
    ``published`` (written at its precision), ``precision``, ``earliest``, ``latest``,
    ``order``, ``same_rank_as``.
    """
    require_columns(articles, ["article_id", "published"], "publication_order")
    from ..overview import format_published

    rows = []
    for art in articles.itertuples():
        prec = getattr(art, "published_precision", None)
        lo, hi = publication_span(art.published, prec)
        # Sorted and ranked on one clock (UTC where the zone is known), so a US evening
        # article is not placed before a Berlin morning one of the same instant.
        zone = getattr(art.published, "tzinfo", None) if not pd.isna(art.published) else None
        rows.append((art.article_id, group_value(getattr(art, by, None)),
                     format_published(art.published, prec), prec or "unknown", lo, hi,
                     _utc(lo, zone), _utc(hi, zone)))
    out = pd.DataFrame(rows, columns=["article_id", by, "published", "precision", "earliest", "latest", "_lo", "_hi"])
    out = out.sort_values(["_lo", "_hi", "earliest"], na_position="last", ignore_index=True)
    order, rank, tier_end = [], 0, None
    for lo, hi in zip(out.pop("_lo"), out.pop("_hi")):
        if pd.isna(lo):
            order.append(pd.NA)
            continue
        if tier_end is None or lo > tier_end:
            rank += 1
            tier_end = hi
        else:
            tier_end = max(tier_end, hi)
        order.append(rank)
    out["order"] = pd.array(order, dtype="Int64")
    out["same_rank_as"] = _others_of_rank([None if o is pd.NA else o for o in order], out[by].tolist())
    return out


SAME_RANK_SHOWN = 20     # names listed per row; a larger tie says how many more there are


def _others_of_rank(order: list, names: list) -> list[str]:
    """For each row, the other rows of its rank, in row order. Rows of one rank are next to
    each other (sorted by time), so each tie is one slice; a tie of thousands (a corpus
    dated to the month) lists the first names and a count, not thousands per row."""
    out = [""] * len(order)
    i, n = 0, len(order)
    while i < n:
        j = i + 1
        while j < n and order[i] is not None and order[j] == order[i]:
            j += 1
        if order[i] is not None and j - i > 1:
            tie = [str(x) for x in names[i:j]]
            for k in range(i, j):
                others = tie[:k - i] + tie[k - i + 1:SAME_RANK_SHOWN + 1] if k - i <= SAME_RANK_SHOWN else tie[:SAME_RANK_SHOWN]
                more = (j - i - 1) - len(others)
                out[k] = ", ".join(others) + (f" and {more:,} more" if more else "")
        i = j
    return out
