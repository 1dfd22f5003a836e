"""Builders of test evidence shared by several test folders."""
