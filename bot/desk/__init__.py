"""The association director's desk in chat: /queue, /members, /find and the cards they open,
with the buttons that act on members, requests and placements."""
