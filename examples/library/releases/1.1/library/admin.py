from django.contrib import admin

from .models import Author, Book, Loan, Reader, Tag

admin.site.register([Author, Tag, Book, Reader, Loan])
