"""The exchange workbook: reading received workbooks safely, checking and applying them, writing
exports."""
