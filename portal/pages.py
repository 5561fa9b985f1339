"""Public pages: home, the cooperation space's connection details, health."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

bp = Blueprint("pages", __name__)


def girou():
    return current_app.extensions["girou"]


@bp.get("/healthz")
def healthz():
    return {"status": "ok"}


@bp.get("/")
def home():
    ext = girou()
    return render_template("home.html", territory=ext["territory"], settings=ext["settings"])


@bp.get("/espace-elus")
def cooperation_space():
    ext = girou()
    return render_template("cooperation.html", territory=ext["territory"], settings=ext["settings"])
