"""The .lrmx file (干部任免审批表, form version 3.2.1.6): codec.py reads and writes the XML as plain
records (pure), mapping.py turns a cadre into a record and the labels back into codes, apply.py
applies a read record to a cadre and lists the changes."""
