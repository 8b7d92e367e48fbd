"""The placement lifecycle: proposals -> approval -> offers -> active -> completed | cancelled.

``proposals`` keeps the matcher's proposals in step with the live data; ``decisions`` holds
the directors' approve / reject; ``offers`` the two sides' answers and the contact reveal;
``ending`` the end of an active placement. Each step is one transaction that checks who acts
and that the row is still in the state the step expects.
"""
