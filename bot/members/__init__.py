"""Members: the social workers' and NGOs' profiles (their forms, saving, verification), a
member's own records, directors' notes and edits on a member's behalf, and pauses."""
