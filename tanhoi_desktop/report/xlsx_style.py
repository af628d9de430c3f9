"""The look the .xlsx of a printed sheet and its chart share."""

from openpyxl.styles import Border, Side

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
