"""The township exchange: USB export and verification, Excel reports, read-only review, county roll-up."""
