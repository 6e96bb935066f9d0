from django.contrib import admin

from .models import Author, Book, Loan, Reader, Return

admin.site.register([Author, Book, Reader, Loan, Return])
