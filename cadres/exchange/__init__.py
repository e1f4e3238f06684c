"""The exchange codecs: the Excel roster (干部花名册, roster/) and the .lrmx appointment form (lrmx/).

Codecs read and write files; the import use cases that save what they read are in
cadres/services (roster.py, lrmx.py).
"""
