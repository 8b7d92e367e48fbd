"""The director's data tools and a person's own data: stats and charts, exports, roster import
with invite links, and the personal-data export and deletion."""
