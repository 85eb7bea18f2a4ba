"""The web page: Jinja2 templates, plain CSS and a little hand-written JS, served by warta.api."""
