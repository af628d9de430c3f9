"""The province side (spec/province.md): the commune's workbook for the province, and the
province file (Sở Nội vụ) that adds many communes' workbooks up. No widgets here."""
