"""Policy articles anyone may read: the published version of each, in both languages (docs/policy.md)."""

from datetime import datetime

from ninja import Query, Router, Schema

from lingong.policy.selectors import article_list_published

from ..schemas import ErrorOut, NoNulIn

router = Router(tags=["policy"])


class PolicyArticleOut(Schema):
    id: int
    topic: str
    version: int
    published_at: datetime | None
    title_zh: str
    title_bo: str
    summary_zh: str
    summary_bo: str
    body_zh: str
    body_bo: str
    has_audio_zh: bool
    has_audio_bo: bool


class PolicySearchIn(NoNulIn):
    q: str = ""
    topic: str = ""
    lang: str = "zh-hans"


@router.get("/articles", response={200: list[PolicyArticleOut], 422: ErrorOut}, auth=None)
def articles(request, filters: Query[PolicySearchIn]):
    """The published articles, by topic; `q` keeps those with every word (split at spaces) in the title,
    summary or text of `lang` (zh-hans or bo)."""
    versions = article_list_published(query=filters.q[:60], topic=filters.topic, language=filters.lang)
    return [
        PolicyArticleOut(
            id=v.article_id,
            topic=v.article.topic,
            version=v.number,
            published_at=v.article.published_at,
            title_zh=v.title_zh,
            title_bo=v.title_bo,
            summary_zh=v.summary_zh,
            summary_bo=v.summary_bo,
            body_zh=v.body_zh,
            body_bo=v.body_bo,
            has_audio_zh=bool(v.audio_zh_type),
            has_audio_bo=bool(v.audio_bo_type),
        )
        for v in versions
    ]
