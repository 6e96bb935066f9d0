from django.contrib import admin

from .models import Author, Book, Loan, Member, Tag

admin.site.register([Author, Tag, Book, Member, Loan])
