"""Per-endpoint page_size maxima (spec section 6.3), in a module of their own: the window's
layout reads them without loading the client. Timeline images is undocumented: 100."""

MAX_PAGE_SIZE_EVENTS = 100
MAX_PAGE_SIZE_IMAGES = 100
MAX_PAGE_SIZE_DOWNLOADS = 60
DEFAULT_PAGE_SIZE_IMAGES = 32
DEFAULT_PAGE_SIZE_DOWNLOADS = 30
