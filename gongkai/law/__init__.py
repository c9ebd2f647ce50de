"""Statutory rules of gongkai, in pure Python.

``gongkai.law`` imports no Django: it holds the rules the platform must follow, each one
starting with a comment that cites what it implements (e.g. ``# 条例 第三十三条`` for the
《中华人民共和国政府信息公开条例》, or ``# GB 32100-2015`` for a national standard).

- :mod:`gongkai.law.calendar` — the official working-day calendar (法定工作日、调休).
- :mod:`gongkai.law.identifiers` — 统一社会信用代码 and 公民身份号码 check rules.

Import the submodules directly; nothing heavy is re-exported here.
"""
