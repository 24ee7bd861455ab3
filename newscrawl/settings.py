"""Scrapy settings for newscrawl. Every newscrawl setting is documented in the README."""

from scrapy.settings import default_settings

BOT_NAME = "newscrawl"

SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
# One spider per declared outlet (newscrawl/outlets/builtin.yaml, then the user's file).
SPIDER_LOADER_CLASS = "newscrawl.spiders.loader.OutletSpiderLoader"
COMMANDS_MODULE = "newscrawl.commands"

# -- politeness ----------------------------------------------------------------------
USER_AGENT = "newscrawl/0.1 (news article change tracker; +https://pypi.org/project/newscrawl/)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# -- faults --------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
# 404/410 reach the spider so they can be recorded as the article being gone.
HTTPERROR_ALLOWED_CODES = [304, 404, 410]
DOWNLOAD_FAIL_ON_DATALOSS = True
# One hostile page must not exhaust memory: the largest real article pages are ~2.5 MB.
# Scrapy applies both limits to the decompressed body too (a gzip bomb is refused).
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# -- components ----------------------------------------------------------------------
SPIDER_MIDDLEWARES = {
    "newscrawl.middlewares.deltafetch.ArticleDeltaFetch": 100,
    "newscrawl.middlewares.signals.SignalTagger": 110,
}
# No listening ports in a crawl: Scrapy's telnet console and its remote-control HTTP
# server (which runs Python code sent to it) serve debugging, not scheduled crawls. The
# second is also left out of Scrapy's base extensions: Scrapy imports every extension it
# names, even one set to None, and this one imports aiohttp (80 ms of each start-up). To
# use it, set REMOTE_CONTROL_ENABLED and add it to EXTENSIONS (see the README).
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
EXTENSIONS_BASE = {
    name: order
    for name, order in default_settings.EXTENSIONS_BASE.items()
    if name != "scrapy.extensions.remote_control.RemoteControl"
}

# Scrapy's own decodes and keeps the whole page to read its first 4,096 characters.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newscrawl.middlewares.metarefresh.HeadMetaRefreshMiddleware": 580,
}
DELTAFETCH_ENABLED = True
DELTAFETCH_DIR = "deltafetch"

ITEM_PIPELINES = {
    "newscrawl.pipelines.versions.VersionPipeline": 300,
    "newscrawl.pipelines.diffs.DiffPipeline": 400,
}

EXTENSIONS = {
    "newscrawl.extensions.runlog.RunLog": 500,
    "newscrawl.extensions.summary.CrawlSummary": 510,
    "newscrawl.extensions.gcfreeze.FreezeStartup": 520,
    "newscrawl.extensions.malloc.MmapThreshold": 530,
}
# An article response yields one item: Scrapy's default (100) only adds asyncio tasks.
CONCURRENT_ITEMS = 1

# -- newscrawl -----------------------------------------------------------------------
# NEWSCRAWL_STORE: store URI; unset means $NEWSCRAWL_STORE, then MONGO_URI, then
# sqlite:///newscrawl.db (see newscrawl.store.resolve_store_uri).
NEWSCRAWL_DISCOVER = True
NEWSCRAWL_RECHECK = True
NEWSCRAWL_TRACK_LIVE = False
NEWSCRAWL_MAX_DUE = 5000
NEWSCRAWL_MAX_TEXT = 500_000
NEWSCRAWL_RECHECK_POLICY = "evidence"
NEWSCRAWL_RECHECK_INITIAL = 30 * 60
NEWSCRAWL_RECHECK_FACTOR = 1.2
NEWSCRAWL_RECHECK_RETIRE = 40 * 24 * 3600
NEWSCRAWL_RECHECK_FOLLOW_UP = 30 * 60
NEWSCRAWL_RECHECK_JITTER = 0.1
NEWSCRAWL_RECHECK_JITTER_MAX = 600
NEWSCRAWL_SIGNALS = True
NEWSCRAWL_SIGNAL_STRIKES = 3
NEWSCRAWL_SIGNAL_CAP = 100
NEWSCRAWL_SIGNAL_RETRY = 7 * 24 * 3600
NEWSCRAWL_FLIPFLOP_SETTLE = 3
NEWSCRAWL_RUNLOG_ENABLED = True
NEWSCRAWL_SCHEDULE_EVERY = 15
NEWSCRAWL_SCHEDULE_OUTLETS: dict[str, int] = {}
NEWSCRAWL_SCHEDULE_MAX_BACKOFF = 360
NEWSCRAWL_STORE_RETRIES = 3
NEWSCRAWL_STORE_RETRY_DELAY = 1.0
# The viewer's public address, for links in alerts (unset: alerts link the article only).
NEWSCRAWL_BASE_URL = ""
# newscrawl notify: the alert file, and how sends time out, are leased and retried.
NEWSCRAWL_ALERTS = "alerts.yaml"
NEWSCRAWL_ALERTS_TIMEOUT = 10.0
NEWSCRAWL_ALERTS_LEASE = 300.0
NEWSCRAWL_ALERTS_RETRY = 60.0
NEWSCRAWL_ALERTS_RETRY_MAX = 6 * 3600.0
NEWSCRAWL_SUSPECT_SHARE = 0.5
# NEWSCRAWL_OUTLETS: the user's outlet declarations; unset means $NEWSCRAWL_OUTLETS, then
# outlets.yaml next to scrapy.cfg, then in the current directory.
NEWSCRAWL_OUTLETS = ""

FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
